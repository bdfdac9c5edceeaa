// readUsersData alone does not allow deleting media (modifyUsersData does).
use std::sync::Arc;

imagen::scopes!(pub ReadOnly = ReadUsersData);

async fn delete(client: imagen::api::Client, tokens: Arc<dyn imagen::TokenSource>) {
    let user = client.with_scopes::<ReadOnly>().for_user(tokens);
    let _ = user.media().delete(42, false).send().await;
}

fn main() {
    let _ = delete;
}
