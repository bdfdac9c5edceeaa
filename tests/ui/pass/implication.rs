// modifyUsersData implies readUsersData: a set declaring only it may search.
use std::sync::Arc;

imagen::scopes!(pub Modify = ModifyUsersData);

async fn search(client: imagen::api::Client, tokens: Arc<dyn imagen::TokenSource>) {
    let user = client.with_scopes::<Modify>().for_user(tokens);
    let _ = user.records().search("WHERE Title = 'Zoë'").num_records(5).send().await;
    let _ = user.media().delete(1, false).send().await;
}

fn main() {
    assert_eq!(<Modify as imagen::scope::ScopeSet>::NAMES, ["modifyUsersData"]);
    let _ = search;
}
