//! The committed golden files of the generator (imagen-codegen/tests/golden)
//! compile against the real runtime: the generator's output is valid Rust,
//! not just text that matches.

#![allow(dead_code)]

mod minimal {
    include!("../imagen-codegen/tests/golden/minimal.rs");
}

mod every_feature {
    include!("../imagen-codegen/tests/golden/every_feature.rs");
}

mod awkward_names {
    include!("../imagen-codegen/tests/golden/awkward_names.rs");
}

mod imagen {
    include!("../imagen-codegen/tests/golden/imagen.rs");
}

/// The golden bindings of api/imagen.yaml are the same items the runtime
/// generates at build time (the runtime's copy only differs in its paths).
#[test]
fn golden_bindings_match_the_runtime_api() {
    fn same<T>(_: fn(&T) -> &imagen_runtime::Session) {}
    same::<imagen::Client>(imagen::Client::session);
    same::<imagen_runtime::api::Client>(imagen_runtime::api::Client::session);
    let names = <imagen::scopes::DefaultScopes as imagen_runtime::scope::ScopeSet>::NAMES;
    let runtime =
        <imagen_runtime::api::scopes::DefaultScopes as imagen_runtime::scope::ScopeSet>::NAMES;
    assert_eq!(names, runtime);
    assert_eq!(names, ["readUsersData", "modifyUsersData"]);
}
