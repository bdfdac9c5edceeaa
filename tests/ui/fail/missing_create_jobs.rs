// The default set (readUsersData + modifyUsersData) can't list workflows: that needs createJobs.
use std::sync::Arc;

async fn workflows(client: imagen::api::Client, tokens: Arc<dyn imagen::TokenSource>) {
    let user = client.for_user(tokens);
    let _ = user.workflows().list().send().await;
}

fn main() {
    let _ = workflows;
}
