// A set without readUsersData (nor modifyUsersData, which implies it) can't search.
use std::sync::Arc;

imagen::scopes!(pub JobsOnly = CreateJobs);

async fn search(client: imagen::api::Client, tokens: Arc<dyn imagen::TokenSource>) {
    let user = client.with_scopes::<JobsOnly>().for_user(tokens);
    let _ = user.records().search("WHERE Title = 'Zoë'").send().await;
}

fn main() {
    let _ = search;
}
