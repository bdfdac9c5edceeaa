// `any` (records.get) and `none` (profiles.list) endpoints work from both client kinds.
use std::sync::Arc;

imagen::scopes!(pub Nothing = );
imagen::scopes!(pub Reader = ReadUsersData);

async fn both(client: imagen::api::Client<Reader>, tokens: Arc<dyn imagen::TokenSource>) {
    let _ = client.records().get(7).send().await;
    let _ = client.profiles().list().profile_type("Rendition").send().await;
    let user = client.for_user(tokens);
    let _ = user.records().get(7).send().await;
    let _ = user.profiles().list().usage("Image").send().await;
    let nothing = user.with_scopes::<Nothing>();
    let _ = nothing.profiles().list().send().await;
}

fn main() {
    let _ = both;
}
