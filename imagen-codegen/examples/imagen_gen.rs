//! Prints the bindings generated for a description: `cargo run -p imagen-codegen --example imagen_gen -- api/imagen.yaml`.
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "api/imagen.yaml".into());
    match imagen_codegen::load(std::path::Path::new(&path)) {
        Ok(api) => print!(
            "{}",
            imagen_codegen::generate_source(&api, &imagen_codegen::Options::default())
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
