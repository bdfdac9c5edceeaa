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
use crate::wire::{Field, Format, Kind, Node, Shape, Wire};
use crate::{Error, RawResponse, Session};

/// The application resource, used by [`verify_scopes`].
pub const APPLICATION_PATH: &str = "/core/v1/application";

/// The scopes `GET /core/v1/application` lists for the calling application.
pub async fn granted_scopes(session: &Session) -> Result<Vec<String>, Error> {
    let answer = session
        .raw(Method::Get, crate::session::HOST_MCC, APPLICATION_PATH)
        .auth(Auth::Application)
        .send()
        .await?;
    parse_granted(&answer)
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

/// The part of the application resource that lists scopes:
/// XML `<Response><Application><Scopes><Scope><Name>…`, JSON
/// `{"Application": {"Scopes": {"Scope": [{"Name": …}]}}}`.
#[derive(Deserialize)]
struct AppScopes {
    #[serde(rename = "Scopes", default)]
    scopes: Vec<ScopeEntry>,
}

#[derive(Deserialize)]
struct ScopeEntry {
    #[serde(rename = "Name")]
    name: String,
}

impl Wire for AppScopes {
    fn kind() -> Kind {
        static SHAPE: Shape = Shape {
            name: "Application",
            fields: &[Field {
                name: "Scopes",
                json: None,
                node: Node::Element,
                item: Some("Scope"),
                kind: <Vec<ScopeEntry> as Wire>::kind,
                optional: true,
            }],
            plain_json: false,
        };
        Kind::Struct(|| &SHAPE)
    }
}

impl Wire for ScopeEntry {
    fn kind() -> Kind {
        static SHAPE: Shape = Shape {
            name: "Scope",
            fields: &[Field {
                name: "Name",
                json: None,
                node: Node::Element,
                item: None,
                kind: <String as Wire>::kind,
                optional: false,
            }],
            plain_json: true,
        };
        Kind::Struct(|| &SHAPE)
    }
}

fn parse_granted(answer: &RawResponse) -> Result<Vec<String>, Error> {
    let decoded = match answer.format() {
        Format::Xml => answer.xml::<AppScopes>("Response/Application"),
        Format::Json => answer.json_in::<AppScopes>("Application"),
    };
    // The answer carries the application's secret: never keep it in an error.
    let app = decoded.map_err(|e| match e {
        Error::Decode { status, source, .. } => Error::Decode {
            status,
            body: "<withheld: the application resource contains the API secret>".into(),
            source,
        },
        other => other,
    })?;
    Ok(app.scopes.into_iter().map(|s| s.name).collect())
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

    fn answer(content_type: &str, body: &[u8]) -> RawResponse {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_str(content_type).unwrap(),
        );
        RawResponse {
            status: 200,
            headers,
            body: body.to_vec(),
        }
    }

    fn json(body: &[u8]) -> Result<Vec<String>, Error> {
        parse_granted(&answer("application/json", body))
    }

    #[test]
    fn documented_and_tolerated_shapes() {
        let doc = br#"{"Application":{"APIKey":"k","SecretAccessKey":"S","Scopes":{"Scope":[
            {"Name":"readUsersData","Description":"d"},{"Name":"modifyUsersData","Description":"d"}]}}}"#;
        assert_eq!(json(doc).unwrap(), ["readUsersData", "modifyUsersData"]);
        let one = br#"{"Application":{"Scopes":{"Scope":{"Name":"roles"}}}}"#;
        assert_eq!(json(one).unwrap(), ["roles"]);
        let none = br#"{"Application":{"Name":"x"}}"#;
        assert!(json(none).unwrap().is_empty());
        let empty = br#"{"Application":{"Scopes":{"Scope":null}}}"#;
        assert!(json(empty).unwrap().is_empty());
        let xml =
            b"<?xml version=\"1.0\"?><Response><Application><SecretAccessKey>S</SecretAccessKey>\
            <Scopes><Scope><Name>readUsersData</Name><Description>d</Description></Scope>\
            <Scope><Name>createJobs</Name></Scope></Scopes></Application></Response>";
        assert_eq!(
            parse_granted(&answer("application/xml", xml)).unwrap(),
            ["readUsersData", "createJobs"]
        );
    }

    #[test]
    fn decode_errors_withhold_the_secret() {
        let bad = br#"{"Application":{"SecretAccessKey":"TOPSECRET","Scopes":42}}"#;
        let e = json(bad).unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
        assert!(!format!("{e} {e:?}").contains("TOPSECRET"));
    }
}
