// A description of our own: its scope markers, its `scopes!`, its messages.
imagen::generate!("../mini.yaml");

scopes!(pub Writer = WriteNotes);

async fn purge(client: Client<Writer>) {
    let _ = client.notes().purge().send().await;
}

fn main() {
    let _ = purge;
}
