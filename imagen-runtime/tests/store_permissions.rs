//! The file token store refuses directories and files that are not
//! private, and token files that are symbolic links (Unix permission bits;
//! the tests run as root too, so they check the modes, not access).
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::time::Duration;

use imagen_runtime::oauth::{FileTokenStore, OAuthError, StoreKey, TokenSet, TokenStore};

fn token(at: &str) -> TokenSet {
    TokenSet::new(
        at,
        Some(format!("rt-of-{at}").into()),
        Some(Duration::from_secs(3600)),
        vec!["readUsersData".into()],
    )
}

fn key() -> StoreKey {
    StoreKey::new("app-key", "alice", &["readUsersData"])
}

fn mode_of(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o7777
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn insecure(e: OAuthError, path: &Path, mode: u32) {
    match &e {
        OAuthError::InsecureStore {
            path: p, mode: m, ..
        } => {
            assert_eq!((p.as_path(), *m), (path, mode), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let text = e.to_string();
    assert!(
        text.contains(&path.display().to_string()) && text.contains(&format!("{mode:04o}")),
        "{text}"
    );
}

#[tokio::test]
async fn created_private_and_kept_private() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tokens");
    let store = FileTokenStore::new(&dir);
    store.save(&key(), &token("a")).await.unwrap();
    assert_eq!(mode_of(&dir), 0o700);
    assert_eq!(mode_of(&store.path_of(&key())), 0o600);
    assert_eq!(
        store
            .load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );
}

#[tokio::test]
async fn world_writable_directory_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    chmod(&dir, 0o777);
    let store = FileTokenStore::new(&dir);
    insecure(
        store.save(&key(), &token("a")).await.unwrap_err(),
        &dir,
        0o777,
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing written"
    );
    insecure(store.load(&key()).await.unwrap_err(), &dir, 0o777);
    // Group-writable is refused too; 0750 is fine.
    chmod(&dir, 0o770);
    insecure(store.load(&key()).await.unwrap_err(), &dir, 0o770);
    chmod(&dir, 0o750);
    store.save(&key(), &token("b")).await.unwrap();
}

#[tokio::test]
async fn planted_readable_token_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tokens");
    let store = FileTokenStore::new(&dir);
    store.save(&key(), &token("a")).await.unwrap();
    let file = store.path_of(&key());
    chmod(&file, 0o666);
    insecure(store.load(&key()).await.unwrap_err(), &file, 0o666);
    chmod(&file, 0o640);
    insecure(store.load(&key()).await.unwrap_err(), &file, 0o640);
    chmod(&file, 0o600);
    assert_eq!(
        store
            .load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );
    // A save replaces a readable file with a private one.
    chmod(&file, 0o666);
    store.save(&key(), &token("b")).await.unwrap();
    assert_eq!(mode_of(&file), 0o600);
    assert_eq!(
        store
            .load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "b"
    );
}

#[tokio::test]
async fn symlinked_token_file_is_refused_symlinked_directory_is_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("real");
    let store = FileTokenStore::new(&real);
    store.save(&key(), &token("a")).await.unwrap();

    // A link to the real directory: followed, its target checked.
    let link_dir = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link_dir).unwrap();
    let through_link = FileTokenStore::new(&link_dir);
    assert_eq!(
        through_link
            .load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );

    // A token file that is a link (to a private file elsewhere): refused.
    let other = tmp.path().join("other");
    let elsewhere = FileTokenStore::new(&other);
    let target = store.path_of(&key());
    std::fs::create_dir(&other).unwrap();
    chmod(&other, 0o700);
    let planted = elsewhere.path_of(&key());
    std::os::unix::fs::symlink(&target, &planted).unwrap();
    let e = elsewhere.load(&key()).await.unwrap_err();
    assert!(
        matches!(&e, OAuthError::InsecureStore { path, reason, .. } if *path == planted && reason.contains("symbolic link")),
        "{e:?}"
    );
    // A save replaces the link itself with a private file: the link's
    // target is not overwritten.
    elsewhere.save(&key(), &token("b")).await.unwrap();
    assert!(
        !std::fs::symlink_metadata(&planted)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        store
            .load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );
    assert_eq!(
        elsewhere
            .load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "b"
    );
}
