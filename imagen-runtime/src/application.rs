//! Run-time check of the application's scopes.
//!
//! The generated bindings check scopes at compile time against the set the
//! code *declares*. Whether an administrator actually *granted* them is only
//! known to the server: [`verify_scopes`] reads `GET /core/v1/application`
//! (signed, host `mcc`) and names every declared scope that is missing, so
//! a misconfigured application fails once, clearly, at start-up rather than
//! with a 403 in the middle of some later call.

use serde::Deserialize;

use crate::endpoint::{Auth, Method};
use crate::{Error, Session};

/// The application resource, used by [`verify_scopes`].
pub const APPLICATION_PATH: &str = "/core/v1/application";

/// The scopes `GET /core/v1/application` lists for the calling application.
pub async fn granted_scopes(session: &Session) -> Result<Vec<String>, Error> {
    let answer = session
        .raw(Method::Get, crate::session::HOST_MCC, APPLICATION_PATH)
        .auth(Auth::Application)
        .send()
        .await?;
    parse_granted(answer.status, &answer.body)
}

/// Fails with [`Error::ScopesNotGranted`] naming the `declared` scopes that
/// the application has not been granted, directly or through a granted scope
/// that implies them. `implications` lists, for each scope that implies
/// others, the scopes it implies (generated bindings pass their
/// description's `scopes::IMPLIED`; `&[]` when scopes imply nothing).
pub async fn verify_scopes(
    session: &Session,
    declared: &[&str],
    implications: &[(&str, &[&str])],
) -> Result<(), Error> {
    let granted = granted_scopes(session).await?;
    let missing = missing_scopes(&granted, declared, implications);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::ScopesNotGranted { missing })
    }
}

/// The declared scopes that neither are granted nor implied by a granted scope.
fn missing_scopes(
    granted: &[String],
    declared: &[&str],
    implications: &[(&str, &[&str])],
) -> Vec<String> {
    let holds = |d: &str| {
        granted.iter().any(|g| {
            g == d
                || implications
                    .iter()
                    .any(|(from, implied)| g == from && implied.contains(&d))
        })
    };
    let mut missing: Vec<String> = Vec::new();
    for d in declared {
        if !holds(d) && !missing.iter().any(|m| m == d) {
            missing.push((*d).to_string());
        }
    }
    missing
}

#[derive(Deserialize)]
struct AppScopes {
    #[serde(rename = "Scopes", default)]
    scopes: Option<ScopesField>,
}

/// `{"Scope": [...]}` (documented), `{"Scope": {...}}` (one scope, as XML
/// converters write it) or a plain array.
#[derive(Deserialize)]
#[serde(untagged)]
enum ScopesField {
    Wrapped {
        #[serde(rename = "Scope")]
        scope: Option<OneOrMany>,
    },
    List(Vec<ScopeEntry>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<ScopeEntry>),
    One(ScopeEntry),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ScopeEntry {
    Named {
        #[serde(rename = "Name")]
        name: String,
    },
    Plain(String),
}

impl ScopeEntry {
    fn into_name(self) -> String {
        match self {
            ScopeEntry::Named { name } | ScopeEntry::Plain(name) => name,
        }
    }
}

fn parse_granted(status: u16, body: &[u8]) -> Result<Vec<String>, Error> {
    // The answer carries the application's secret: never keep it in an error.
    let app: AppScopes =
        crate::request::decode(status, body, Some("Application")).map_err(|e| match e {
            Error::Decode { status, source, .. } => Error::Decode {
                status,
                body: "<withheld: the application resource contains the API secret>".into(),
                source,
            },
            other => other,
        })?;
    let entries = match app.scopes {
        None | Some(ScopesField::Wrapped { scope: None }) => Vec::new(),
        Some(ScopesField::Wrapped {
            scope: Some(OneOrMany::Many(v)),
        })
        | Some(ScopesField::List(v)) => v,
        Some(ScopesField::Wrapped {
            scope: Some(OneOrMany::One(e)),
        }) => vec![e],
    };
    Ok(entries.into_iter().map(ScopeEntry::into_name).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn implied_scopes_count_as_granted() {
        let granted = vec!["modifyUsersData".to_string()];
        let imp: &[(&str, &[&str])] = &[("modifyUsersData", &["readUsersData"])];
        assert!(
            super::missing_scopes(&granted, &["readUsersData", "modifyUsersData"], imp).is_empty()
        );
        assert_eq!(
            super::missing_scopes(&granted, &["readUsersData", "createJobs"], &[]),
            ["readUsersData", "createJobs"]
        );
        assert_eq!(
            super::missing_scopes(&granted, &["createJobs", "createJobs"], imp),
            ["createJobs"]
        );
    }

    use super::*;

    #[test]
    fn documented_and_tolerated_shapes() {
        let doc = br#"{"Application":{"APIKey":"k","SecretAccessKey":"S","Scopes":{"Scope":[
            {"Name":"readUsersData","Description":"d"},{"Name":"modifyUsersData","Description":"d"}]}}}"#;
        assert_eq!(
            parse_granted(200, doc).unwrap(),
            ["readUsersData", "modifyUsersData"]
        );
        let one = br#"{"Application":{"Scopes":{"Scope":{"Name":"roles"}}}}"#;
        assert_eq!(parse_granted(200, one).unwrap(), ["roles"]);
        let plain = br#"{"Application":{"Scopes":[{"Name":"files"},"databases"]}}"#;
        assert_eq!(parse_granted(200, plain).unwrap(), ["files", "databases"]);
        let none = br#"{"Application":{"Name":"x"}}"#;
        assert!(parse_granted(200, none).unwrap().is_empty());
        let empty = br#"{"Application":{"Scopes":{"Scope":null}}}"#;
        assert!(parse_granted(200, empty).unwrap().is_empty());
    }

    #[test]
    fn decode_errors_withhold_the_secret() {
        let bad = br#"{"Application":{"SecretAccessKey":"TOPSECRET","Scopes":42}}"#;
        let e = parse_granted(200, bad).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        assert!(!format!("{e} {e:?}").contains("TOPSECRET"));
    }
}
