//! Token stores: memory and files.

use std::time::Duration;

use imagen_runtime::oauth::{
    FileTokenStore, MemoryTokenStore, OAuthError, StoreKey, TokenSet, TokenStore,
};

fn token(at: &str) -> TokenSet {
    TokenSet::new(
        at,
        Some(format!("rt-of-{at}").into()),
        Some(Duration::from_secs(3600)),
        vec!["readUsersData".into()],
    )
}

fn key() -> StoreKey {
    StoreKey::new("app-key", "alice", &["readUsersData", "modifyUsersData"])
}

#[tokio::test]
async fn memory_roundtrip() {
    let s = MemoryTokenStore::new();
    assert!(s.load(&key()).await.unwrap().is_none());
    s.save(&key(), &token("a")).await.unwrap();
    assert_eq!(
        s.load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );
    // Scope order does not matter; users and apps are separate.
    let same = StoreKey::new(
        "app-key",
        "alice",
        &["modifyUsersData", "readUsersData", "readUsersData"],
    );
    assert!(s.load(&same).await.unwrap().is_some());
    assert!(
        s.load(&StoreKey::new(
            "app-key",
            "bob",
            &["readUsersData", "modifyUsersData"]
        ))
        .await
        .unwrap()
        .is_none()
    );
    s.delete(&key()).await.unwrap();
    assert!(s.load(&key()).await.unwrap().is_none());
    assert!(!format!("{s:?}").contains("rt-of-a"));
}

#[tokio::test]
async fn file_roundtrip_one_file_per_key() {
    let dir = tempfile::tempdir().unwrap();
    let s = FileTokenStore::new(dir.path().join("tokens"));
    assert!(s.load(&key()).await.unwrap().is_none());
    s.save(&key(), &token("a")).await.unwrap();
    let bob = StoreKey::new("app-key", "bob", &["readUsersData"]);
    s.save(&bob, &token("b")).await.unwrap();
    assert_ne!(s.path_of(&key()), s.path_of(&bob));
    assert_eq!(
        s.load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "a"
    );
    assert_eq!(
        s.load(&bob).await.unwrap().unwrap().access_token().secret(),
        "b"
    );
    s.save(&key(), &token("a2")).await.unwrap();
    let loaded = s.load(&key()).await.unwrap().unwrap();
    assert_eq!(loaded.access_token().secret(), "a2");
    assert_eq!(loaded.refresh_token().map(|t| t.secret()), Some("rt-of-a2"));
    assert!(loaded.expires_at().is_some());
    s.delete(&key()).await.unwrap();
    assert!(!s.path_of(&key()).exists());
    s.delete(&key()).await.unwrap(); // no error when absent
    // A path-like user name never becomes a path component.
    let evil = StoreKey::new("app-key", "../../etc/passwd", &[]);
    assert_eq!(
        s.path_of(&evil).parent().unwrap(),
        dir.path().join("tokens")
    );
}

/// The permission bits of `path`.
#[cfg(unix)]
fn mode_of(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[tokio::test]
async fn file_mode_is_0600_and_dir_0700() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let tokens = dir.path().join("tokens");
    let s = FileTokenStore::new(&tokens);
    s.save(&key(), &token("a")).await.unwrap();
    let mode = mode_of(&s.path_of(&key()));
    assert_eq!(mode, 0o600, "{mode:o}");
    let mode = mode_of(&tokens);
    assert_eq!(mode, 0o700, "{mode:o}");
    // Replacing a file that somebody made world-readable makes it private again.
    std::fs::set_permissions(s.path_of(&key()), std::fs::Permissions::from_mode(0o644)).unwrap();
    s.save(&key(), &token("b")).await.unwrap();
    let mode = mode_of(&s.path_of(&key()));
    assert_eq!(mode, 0o600, "{mode:o}");
}

#[tokio::test]
async fn crash_between_write_and_rename_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = FileTokenStore::new(dir.path());
    s.save(&key(), &token("old")).await.unwrap();
    let before = std::fs::read(s.path_of(&key())).unwrap();

    s.simulate_crash_before_rename(true);
    let err = s.save(&key(), &token("new")).await.unwrap_err();
    assert!(matches!(err, OAuthError::Store { .. }), "{err:?}");
    s.simulate_crash_before_rename(false);

    assert_eq!(
        std::fs::read(s.path_of(&key())).unwrap(),
        before,
        "old file intact"
    );
    assert_eq!(
        s.load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "old"
    );
    // The crash left the (complete) temporary file; it is never read.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    // The next save works normally.
    s.save(&key(), &token("new")).await.unwrap();
    assert_eq!(
        s.load(&key())
            .await
            .unwrap()
            .unwrap()
            .access_token()
            .secret(),
        "new"
    );
}

fn private(path: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[tokio::test]
async fn corrupt_file_is_an_error_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    let s = FileTokenStore::new(dir.path());
    let path = s.path_of(&key());
    std::fs::write(&path, b"{\"version\":1,\"key\":{\"api_key\":\"app-key\",\"user\":\"alice\",\"scopes\":[]},\"token\":{\"access_token\":\"half-a-secret").unwrap();
    // Private, like a file the store wrote (a readable one is refused first).
    private(&path);
    let err = s.load(&key()).await.unwrap_err();
    let msg = err.to_string();
    match &err {
        OAuthError::CorruptTokenFile { path: p, .. } => assert_eq!(p, &path),
        other => panic!("{other:?}"),
    }
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(!msg.contains("half-a-secret"), "{msg}");
    assert!(path.exists(), "the corrupt file is left in place");

    // Not JSON at all; a file of another key.
    std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    private(&path);
    assert!(matches!(
        s.load(&key()).await,
        Err(OAuthError::CorruptTokenFile { .. })
    ));
    let other = StoreKey::new("app-key", "bob", &[]);
    s.save(&other, &token("b")).await.unwrap();
    std::fs::copy(s.path_of(&other), &path).unwrap();
    let err = s.load(&key()).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("another application, user or scope set"),
        "{err}"
    );
}

#[tokio::test]
async fn file_content_is_never_in_debug() {
    let dir = tempfile::tempdir().unwrap();
    let s = FileTokenStore::new(dir.path());
    s.save(&key(), &token("zzz-secret")).await.unwrap();
    let t = s.load(&key()).await.unwrap().unwrap();
    let dbg = format!("{s:?} {t:?} {:?}", key());
    assert!(!dbg.contains("zzz-secret"), "{dbg}");
}
