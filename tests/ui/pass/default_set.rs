// The default set calls every endpoint that needs only default scopes.
use std::sync::Arc;

async fn all(client: imagen::api::Client, tokens: Arc<dyn imagen::TokenSource>) {
    let _ = client.application().get().send().await;
    let _ = client.profiles().list().send().await;
    let _ = client.records().get(1).send().await;
    let user = client.for_user(tokens);
    let _ = user.records().search("WHERE Title = 'Zoë'").start(10).search_id("s").send().await;
    let _ = user.records().get(1).send().await;
    let _ = user.web().search("WHERE Title = 'Zoë'").send().await;
    let _ = user.import().records_with_mapping("NativeImagenXML", "<Records/>").workflow("w").send().await;
    let doc = imagen::api::types::ImportDocument { records: vec![] };
    let _ = user.import().records(&doc).only_process_new(true).path_prefix("/media/").send().await;
    let _ = user.import().status("guid").send().await;
    let _ = user.import().delete("guid").send().await;
    let _ = user.rights().list().send().await;
    let _ = user.media().delete(1, true).send().await;
    let _ = user.user().current().send().await;
    let _ = user.history().list().limit(10).send().await;
    let _ = user.profiles().list().send().await;
    let _ = user.as_application().application().get().send().await;
}

fn main() {
    let _ = all;
}
