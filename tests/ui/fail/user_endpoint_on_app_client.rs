// An application-context client (key + secret only) can't act for a user.
async fn me(client: imagen::api::Client) {
    let _ = client.user().current().send().await;
}

fn main() {
    let _ = me;
}
