// GET /core/v1/application is application context only: a user client must switch back.
use std::sync::Arc;

async fn app(client: imagen::api::Client, tokens: Arc<dyn imagen::TokenSource>) {
    let user = client.for_user(tokens);
    let _ = user.application().get().send().await;
}

fn main() {
    let _ = app;
}
