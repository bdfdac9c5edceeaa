// `generate!` inside a module needs `module = crate::…` (the `scopes!` macro
// reaches the bindings through it); forgetting it is reported at `generate!`.
mod notes_api {
    imagen::generate!("../mini.yaml");
}

use notes_api::{scopes, Client};

scopes!(pub Writer = WriteNotes);

fn main() {
    let _: Option<Client<Writer>> = None;
}
