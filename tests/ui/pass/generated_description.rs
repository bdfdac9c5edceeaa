// A description given to generate!: its own scope set, implication and default set.
use std::sync::Arc;

imagen::generate!("../mini.yaml");

scopes!(pub Writer = WriteNotes);
scopes!(pub Everything = WriteNotes, Admin);

async fn notes(client: Client, tokens: Arc<dyn imagen::TokenSource>) {
    let reader = client.for_user(tokens.clone());
    let _ = reader.notes().list().send().await;
    let writer = client.clone().with_scopes::<Writer>().for_user(tokens);
    let note = types::Note { id: 1, text: "Zoë 東京 🎞️".into() };
    let _ = writer.notes().add(&note).send().await;
    let _ = writer.notes().list().send().await;
    let _ = client.with_scopes::<Everything>().notes().purge().send().await;
}

fn main() {
    assert_eq!(<scopes::DefaultScopes as imagen::scope::ScopeSet>::NAMES, ["readNotes"]);
    assert_eq!(<Everything as imagen::scope::ScopeSet>::NAMES, ["writeNotes", "admin"]);
    let _ = notes;
}
