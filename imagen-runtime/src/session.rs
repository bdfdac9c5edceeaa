//! [`Session`]: credentials, hosts and policies, shared by every request.
//!
//! A session is an `Arc` around one HTTP client and the application's
//! configuration, so clones are cheap and a session for a user
//! ([`Session::with_token_source`]) shares the connection pool, the clock
//! offset and the policies with the application session it came from.
//!
//! Configuration comes from code ([`Session::builder`]), the environment
//! ([`SessionBuilder::from_env`]) or the JSON file ImagenWeb offers for
//! download ([`SessionBuilder::from_application_file`]); the builder's
//! setters can override either afterwards.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use url::Url;

use crate::Error;
use crate::credentials::{self, ApiKey};
use crate::retry::RetryPolicy;
use crate::secret::ApiSecret;
use crate::signing::{CanonicalResource, Signer};
use crate::token::TokenSource;
use crate::wire::Format;

type Hook = Arc<dyn Fn(&mut reqwest::Request) + Send + Sync>;

/// A configured connection to one Imagen installation, as one application
/// (and, with a token source, on behalf of one user). Cheap to clone.
#[derive(Clone)]
pub struct Session {
    pub(crate) shared: Arc<Shared>,
    pub(crate) token: Option<Arc<dyn TokenSource>>,
}

pub(crate) struct Shared {
    pub(crate) client: reqwest::Client,
    pub(crate) signer: Signer,
    pub(crate) hosts: BTreeMap<String, Url>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) skew_threshold: Duration,
    pub(crate) max_answer_bytes: u64,
    pub(crate) answer_format: Format,
    /// The description's variables, when the session came from them.
    pub(crate) environment: Option<&'static Environment>,
    /// Server clock minus local clock, in seconds.
    pub(crate) clock_offset: AtomicI64,
    /// The last `Date` header seen and the time it says.
    pub(crate) last_date: std::sync::Mutex<LastDate>,
    pub(crate) on_request: Option<Hook>,
}

/// A `Date` header (its bytes, if it fits) and the time it says: answers
/// within the same second carry the same header, parsed once.
#[derive(Default)]
pub(crate) struct LastDate {
    pub(crate) bytes: [u8; 32],
    pub(crate) len: usize,
    pub(crate) time: Option<SystemTime>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hosts: BTreeMap<&str, &str> = self
            .shared
            .hosts
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        f.debug_struct("Session")
            .field("api_key", self.shared.signer.key())
            .field("api_secret", self.shared.signer.secret())
            .field("hosts", &hosts)
            .field("user_context", &self.token.is_some())
            .field("retry", &self.shared.retry)
            .field("timeout", &self.shared.timeout)
            .field("clock_offset_secs", &self.clock_offset_secs())
            .finish()
    }
}

impl Session {
    /// Starts configuring a session.
    pub fn builder() -> SessionBuilder {
        SessionBuilder::default()
    }

    /// `Session::builder` from the environment, built: see [`SessionBuilder::from_env`].
    pub fn from_env() -> Result<Session, Error> {
        SessionBuilder::from_env()?.build()
    }

    /// A session from an application file: see [`SessionBuilder::from_application_file`].
    pub fn from_application_file(path: impl AsRef<Path>) -> Result<Session, Error> {
        SessionBuilder::from_application_file(path)?.build()
    }

    /// The same application session, acting for the user whose tokens
    /// `source` provides. Shares the HTTP client, clock offset and policies.
    pub fn with_token_source(&self, source: Arc<dyn TokenSource>) -> Session {
        Session {
            shared: Arc::clone(&self.shared),
            token: Some(source),
        }
    }

    /// The same session without user context (application context only).
    pub fn application_context(&self) -> Session {
        Session {
            shared: Arc::clone(&self.shared),
            token: None,
        }
    }

    /// Whether requests can be made in user context.
    pub fn has_token_source(&self) -> bool {
        self.token.is_some()
    }

    /// The token source of this session, if it acts for a user.
    pub fn token_source(&self) -> Option<&Arc<dyn TokenSource>> {
        self.token.as_ref()
    }

    /// The application's API key.
    pub fn api_key(&self) -> &ApiKey {
        self.shared.signer.key()
    }

    /// The application's secret, for the runtime's own OAuth client
    /// authentication; not handed out (nothing outside needs to see it).
    pub(crate) fn api_secret(&self) -> &ApiSecret {
        self.shared.signer.secret()
    }

    /// The HTTP client (e.g. for the OAuth token endpoint), shared by all
    /// clones of this session.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.shared.client
    }

    /// The base URL of a host key (`"mcc"`, `"web"`, or one added with
    /// [`SessionBuilder::host`]).
    pub fn host_url(&self, key: &str) -> Result<&Url, Error> {
        if let Some(url) = self.shared.hosts.get(key) {
            return Ok(url);
        }
        let env = self.shared.environment.unwrap_or(&crate::api::ENVIRONMENT);
        let message = match env.hosts.iter().find(|h| h.key == key) {
            Some(h) => format!(
                "host `{key}` has no URL: {}call SessionBuilder::host(\"{key}\", url)",
                h.env.map(|v| format!("set {v} or ")).unwrap_or_default()
            ),
            None => {
                let mut known: Vec<&str> = self.shared.hosts.keys().map(String::as_str).collect();
                for h in env.hosts {
                    if !known.contains(&h.key) {
                        known.push(h.key);
                    }
                }
                format!(
                    "unknown host key `{key}` (known: {}); add it with SessionBuilder::host",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                )
            }
        };
        Err(Error::Config { message })
    }

    /// The correction applied to the local clock when signing: the server's
    /// clock minus the local one, in seconds (0 until skew was detected).
    pub fn clock_offset_secs(&self) -> i64 {
        self.shared.clock_offset.load(Ordering::Relaxed)
    }

    /// The current time corrected by the clock offset (the date that is signed).
    pub fn now(&self) -> SystemTime {
        shift(SystemTime::now(), self.clock_offset_secs())
    }

    /// Records the server's clock as seen in an answer's `Date` header.
    /// Skew beyond the threshold becomes the offset; skew within it clears
    /// the offset (the local clock is good enough).
    pub(crate) fn observe_server_time(&self, server: SystemTime) {
        let skew = secs_between(SystemTime::now(), server);
        let threshold = i64::try_from(self.shared.skew_threshold.as_secs()).unwrap_or(i64::MAX);
        let offset = if skew.abs() > threshold { skew } else { 0 };
        let old = self.shared.clock_offset.swap(offset, Ordering::Relaxed);
        if old != offset {
            tracing::info!(
                clock_offset_secs = offset,
                "clock offset to the Imagen server updated"
            );
        }
    }

    /// Sets the offset from a server time unconditionally (after DateRejected).
    pub(crate) fn correct_clock(&self, server: SystemTime) {
        let offset = secs_between(SystemTime::now(), server);
        self.shared.clock_offset.store(offset, Ordering::Relaxed);
        tracing::info!(
            clock_offset_secs = offset,
            "clock offset corrected after a rejected date"
        );
    }
}

fn secs_of(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

fn secs_between(local: SystemTime, server: SystemTime) -> i64 {
    secs_of(server).saturating_sub(secs_of(local))
}

fn shift(t: SystemTime, secs: i64) -> SystemTime {
    let d = Duration::from_secs(secs.unsigned_abs());
    if secs >= 0 {
        t.checked_add(d).unwrap_or(t)
    } else {
        t.checked_sub(d).unwrap_or(t)
    }
}

/// Where a description's credentials and host URLs come from: its
/// `credentials:` variables and its `hosts:` (generated as `ENVIRONMENT`
/// next to the description's `Client`).
#[derive(Debug)]
pub struct Environment {
    /// The variable holding the API key.
    pub key_var: &'static str,
    /// The variable holding the API secret.
    pub secret_var: &'static str,
    /// The hosts of the description.
    pub hosts: &'static [HostSpec],
    /// The downloadable application file, if the description has one.
    pub file: Option<FileSpec>,
}

/// The JSON application file of a description (`credentials.file:`): the
/// fields holding the key, the secret and host URLs.
#[derive(Debug)]
pub struct FileSpec {
    /// The object the fields sit in (`{"Application": {...}}`), if any; a
    /// flat file is read too.
    pub wrapper: Option<&'static str>,
    /// The key's field.
    pub key: &'static str,
    /// The secret's field.
    pub secret: &'static str,
    /// (host key, field) of each host URL the file may hold.
    pub hosts: &'static [(&'static str, &'static str)],
}

/// One host of a description.
#[derive(Debug)]
pub struct HostSpec {
    /// The host key endpoints name (`mcc`).
    pub key: &'static str,
    /// The variable holding its base URL, if the description names one.
    pub env: Option<&'static str>,
    /// The URL used when the variable is not set.
    pub default_url: Option<&'static str>,
}

/// The default of [`SessionBuilder::max_answer_bytes`]: 64 MiB.
pub const DEFAULT_MAX_ANSWER_BYTES: u64 = 64 * 1024 * 1024;

/// Makes the builder of a session's HTTP client ([`SessionBuilder::http_client`]).
type ClientFactory = Arc<dyn Fn() -> reqwest::ClientBuilder + Send + Sync>;

/// Builds a [`Session`]. Defaults: 30 s request timeout, 10 s connect
/// timeout, [`RetryPolicy::default`], clock-skew threshold 60 s.
#[derive(Clone)]
pub struct SessionBuilder {
    key: Option<(ApiKey, String)>,
    secret: Option<(ApiSecret, String)>,
    hosts: BTreeMap<String, (String, String)>,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    skew_threshold: Duration,
    max_answer_bytes: u64,
    on_request: Option<Hook>,
    token: Option<Arc<dyn TokenSource>>,
    client: Option<ClientFactory>,
    answer_format: Format,
    canonical_resource: CanonicalResource,
    environment: Option<&'static Environment>,
}

impl Default for SessionBuilder {
    fn default() -> Self {
        SessionBuilder {
            key: None,
            secret: None,
            hosts: BTreeMap::new(),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            skew_threshold: Duration::from_secs(60),
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
            on_request: None,
            token: None,
            client: None,
            answer_format: Format::Xml,
            canonical_resource: CanonicalResource::default(),
            environment: None,
        }
    }
}

impl fmt::Debug for SessionBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionBuilder")
            .field("api_key", &self.key.as_ref().map(|k| &k.0))
            .field("api_secret", &self.secret.as_ref().map(|s| &s.0))
            .field("hosts", &self.hosts)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_context", &self.token.is_some())
            .finish()
    }
}

impl SessionBuilder {
    /// Key, secret and host URLs from the environment, as the built-in
    /// description (`api/imagen.yaml`) names them: `IMAGEN_API_KEY` and
    /// `IMAGEN_API_SECRET` (required), `IMAGEN_MCC_URL` and `IMAGEN_WEB_URL`
    /// (optional here; a request to an unconfigured host fails clearly).
    /// Bindings of another description: `Client::session_from_env()`, or
    /// [`from_env_for`](Self::from_env_for) with its `ENVIRONMENT`.
    pub fn from_env() -> Result<SessionBuilder, Error> {
        Self::from_env_for(&crate::api::ENVIRONMENT)
    }

    /// Key, secret and host URLs from the variables a description names
    /// (its generated `ENVIRONMENT`); a host whose variable is unset gets
    /// the description's default URL, if it has one.
    pub fn from_env_for(env: &'static Environment) -> Result<SessionBuilder, Error> {
        Self::from_env_with(env, |name| std::env::var_os(name))
    }

    pub(crate) fn from_env_with(
        env: &'static Environment,
        get: impl Fn(&str) -> Option<OsString>,
    ) -> Result<SessionBuilder, Error> {
        let var = |name: &str, required: bool| -> Result<Option<String>, Error> {
            match get(name) {
                None if required => Err(Error::Config {
                    message: format!("environment variable {name} is not set"),
                }),
                None => Ok(None),
                Some(v) => match v.into_string() {
                    Ok(s) if s.trim().is_empty() => Err(Error::Config {
                        message: format!("environment variable {name} is set but empty"),
                    }),
                    Ok(s) => Ok(Some(s)),
                    Err(_) => Err(Error::Config {
                        message: format!("environment variable {name} is not valid UTF-8"),
                    }),
                },
            }
        };
        let mut b = SessionBuilder {
            environment: Some(env),
            ..SessionBuilder::default()
        };
        let key = var(env.key_var, true)?.unwrap_or_default();
        let secret = var(env.secret_var, true)?.map(zeroize::Zeroizing::new);
        b.key = Some((
            ApiKey::new(key),
            format!("environment variable {}", env.key_var),
        ));
        if let Some(secret) = secret {
            b.secret = Some((
                ApiSecret::new(secret.as_str()),
                format!("environment variable {}", env.secret_var),
            ));
        }
        for host in env.hosts {
            let from_env = match host.env {
                Some(name) => {
                    var(name, false)?.map(|u| (u, format!("environment variable {name}")))
                }
                None => None,
            };
            let chosen = from_env.or_else(|| {
                host.default_url
                    .map(|u| (u.to_owned(), "the description's default URL".to_owned()))
            });
            if let Some(found) = chosen {
                b.hosts.insert(host.key.to_string(), found);
            }
        }
        Ok(b)
    }

    /// Key, secret and host URLs from the application file of the built-in
    /// description (`api/imagen.yaml`'s `credentials.file:`): see
    /// [`from_application_file_for`](Self::from_application_file_for).
    pub fn from_application_file(path: impl AsRef<Path>) -> Result<SessionBuilder, Error> {
        Self::from_application_file_for(&crate::api::ENVIRONMENT, path)
    }

    /// Key, secret and host URLs from a JSON application file as a
    /// description names it (its generated `ENVIRONMENT`'s `file`): the
    /// fields inside the wrapper object (`{"Application": {...}}`) or at the
    /// top; host URLs are optional, other fields ignored. A description
    /// without `credentials.file:` is a configuration error.
    pub fn from_application_file_for(
        env: &'static Environment,
        path: impl AsRef<Path>,
    ) -> Result<SessionBuilder, Error> {
        let path = path.as_ref();
        let spec = env.file.as_ref().ok_or_else(|| Error::Config {
            message: "this API's description names no application file (`credentials.file:`)"
                .into(),
        })?;
        let file = credentials::read_application_file(spec, path)?;
        let origin = |field: &str| format!("field `{field}` of {}", path.display());
        let mut b = SessionBuilder {
            key: Some((file.key, origin(spec.key))),
            secret: Some((file.secret, origin(spec.secret))),
            ..SessionBuilder::default()
        };
        for (host, url) in file.hosts {
            let field = spec
                .hosts
                .iter()
                .find(|(h, _)| *h == host)
                .map_or(host, |(_, f)| *f);
            b.hosts.insert(host.into(), (url, origin(field)));
        }
        Ok(b)
    }

    /// The application's API key.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some((ApiKey::new(key), "SessionBuilder::api_key".into()));
        self
    }

    /// The application's secret.
    pub fn api_secret(mut self, secret: impl Into<ApiSecret>) -> Self {
        self.secret = Some((secret.into(), "SessionBuilder::api_secret".into()));
        self
    }

    /// The base URL of any host key a description uses.
    pub fn host(self, key: impl Into<String>, url: impl Into<String>) -> Self {
        let key = key.into();
        let origin = format!("SessionBuilder::host({key:?})");
        self.host_from(&key, url.into(), &origin)
    }

    fn host_from(mut self, key: &str, url: String, origin: &str) -> Self {
        self.hosts
            .insert(key.to_string(), (url, origin.to_string()));
        self
    }

    /// Retry policy ([`RetryPolicy::none`] disables retries).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Timeout of one attempt, from sending to the end of the answer's body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Timeout of establishing a connection (default 10 s; applies to a
    /// client made with [`http_client`](Self::http_client) too).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Skew between the local clock and the server's `Date` beyond which
    /// signed dates are corrected (default 60 s; the server allows ±5 min).
    pub fn clock_skew_threshold(mut self, threshold: Duration) -> Self {
        self.skew_threshold = threshold;
        self
    }

    /// Called with every request just before it is sent (after signing, so
    /// it sees the final headers; changing a signed part breaks the signature).
    pub fn on_request(
        mut self,
        hook: impl Fn(&mut reqwest::Request) + Send + Sync + 'static,
    ) -> Self {
        self.on_request = Some(Arc::new(hook));
        self
    }

    /// Acts for a user: user-context requests get their bearer token here.
    pub fn token_source(mut self, source: impl TokenSource) -> Self {
        self.token = Some(Arc::new(source));
        self
    }

    /// Builds the session's HTTP client with `builder` (proxies, root
    /// certificates, pool settings, a user agent…), called once per
    /// [`build`](Self::build). Whatever it configures, the client follows
    /// **no redirects** — credentials never leave the configured origin —
    /// and uses the session's connect timeout. (Sessions made from one
    /// another, e.g. with [`Session::with_token_source`], share one client.)
    pub fn http_client(
        mut self,
        builder: impl Fn() -> reqwest::ClientBuilder + Send + Sync + 'static,
    ) -> Self {
        self.client = Some(Arc::new(builder));
        self
    }

    /// The largest answer body a request reads into memory (default
    /// [`DEFAULT_MAX_ANSWER_BYTES`], 64 MiB). A larger answer — announced by
    /// `Content-Length` or found while reading — is
    /// [`Error::AnswerTooLarge`] and is not read further. Large downloads
    /// stream instead: [`RawRequest::download`](crate::RawRequest::download).
    pub fn max_answer_bytes(mut self, limit: u64) -> Self {
        self.max_answer_bytes = limit;
        self
    }

    /// The answer format to ask for where an endpoint offers several
    /// (default [`Format::Xml`], the server's own default). Endpoints that
    /// offer one format are always asked for that one.
    pub fn answer_format(mut self, format: Format) -> Self {
        self.answer_format = format;
        self
    }

    /// How the canonical resource of signed requests is written (an
    /// assumption where Imagen's documentation is silent; see
    /// [`CanonicalResource`]).
    pub fn canonical_resource(mut self, resource: CanonicalResource) -> Self {
        self.canonical_resource = resource;
        self
    }

    /// Checks the configuration and builds the session.
    pub fn build(self) -> Result<Session, Error> {
        let env = self.environment.unwrap_or(&crate::api::ENVIRONMENT);
        let (key, key_origin) = self.key.ok_or_else(|| Error::Config {
            message: format!(
                "no API key: call SessionBuilder::api_key, set {}, or use an application file",
                env.key_var
            ),
        })?;
        if key.as_str().trim().is_empty()
            || reqwest::header::HeaderValue::from_str(key.as_str()).is_err()
        {
            return Err(Error::Config {
                message: format!(
                    "the API key from {key_origin} is empty or not a valid header value"
                ),
            });
        }
        let (secret, secret_origin) = self.secret.ok_or_else(|| Error::Config {
            message: format!(
                "no API secret: call SessionBuilder::api_secret, set {}, or use an application file",
                env.secret_var
            ),
        })?;
        if secret.secret().is_empty() {
            return Err(Error::Config {
                message: format!("the API secret from {secret_origin} is empty"),
            });
        }
        let mut hosts = BTreeMap::new();
        for (host, (raw, origin)) in self.hosts {
            hosts.insert(host.clone(), parse_base_url(&host, &raw, &origin)?);
        }
        // Whatever client the caller configures, it follows no redirects: a
        // redirected request would carry the key, the signature or the
        // bearer token to wherever the `Location` points.
        let client = match &self.client {
            Some(make) => make(),
            None => reqwest::Client::builder()
                .user_agent(concat!("imagen-rs/", env!("CARGO_PKG_VERSION"))),
        }
        .connect_timeout(self.connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::Config {
            message: format!("cannot build the HTTP client: {e}"),
        })?;
        Ok(Session {
            shared: Arc::new(Shared {
                client,
                signer: Signer::new(key, secret).with_canonical_resource(self.canonical_resource),
                answer_format: self.answer_format,
                environment: self.environment,
                hosts,
                retry: self.retry,
                timeout: self.timeout,
                skew_threshold: self.skew_threshold,
                max_answer_bytes: self.max_answer_bytes,
                clock_offset: AtomicI64::new(0),
                last_date: Default::default(),
                on_request: self.on_request,
            }),
            token: self.token,
        })
    }
}

fn parse_base_url(host: &str, raw: &str, origin: &str) -> Result<Url, Error> {
    let bad = |why: &str| Error::Config {
        message: format!("the URL of host `{host}` from {origin} ({raw:?}) {why}"),
    };
    let url = Url::parse(raw.trim()).map_err(|e| bad(&format!("is not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad(
            "must start with https:// (or http:// for a local server)",
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host name"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not carry user credentials"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    fn err(r: Result<impl fmt::Debug, Error>) -> String {
        match r {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn from_env_complete() {
        let s = SessionBuilder::from_env_with(
            &crate::api::ENVIRONMENT,
            env(&[
                ("IMAGEN_API_KEY", "key1"),
                ("IMAGEN_API_SECRET", "SECRET1"),
                ("IMAGEN_MCC_URL", "https://mcc.example:83"),
                ("IMAGEN_WEB_URL", "https://web.example/"),
            ]),
        )
        .unwrap()
        .build()
        .unwrap();
        assert_eq!(s.api_key().as_str(), "key1");
        assert_eq!(
            s.host_url("mcc").unwrap().as_str(),
            "https://mcc.example:83/"
        );
        assert_eq!(s.host_url("web").unwrap().as_str(), "https://web.example/");
        let dbg = format!("{s:?}");
        assert!(!dbg.contains("SECRET1") && dbg.contains("key1"), "{dbg}");
    }

    #[test]
    fn from_env_errors_name_the_variable() {
        let m = err(SessionBuilder::from_env_with(
            &crate::api::ENVIRONMENT,
            env(&[("IMAGEN_API_KEY", "k")]),
        ));
        assert!(m.contains("IMAGEN_API_SECRET"), "{m}");
        let m = err(SessionBuilder::from_env_with(
            &crate::api::ENVIRONMENT,
            env(&[("IMAGEN_API_KEY", ""), ("IMAGEN_API_SECRET", "s")]),
        ));
        assert!(m.contains("IMAGEN_API_KEY") && m.contains("empty"), "{m}");
        let m = err(SessionBuilder::from_env_with(
            &crate::api::ENVIRONMENT,
            env(&[
                ("IMAGEN_API_KEY", "k"),
                ("IMAGEN_API_SECRET", "s"),
                ("IMAGEN_MCC_URL", "ftp://x"),
            ]),
        )
        .unwrap()
        .build());
        assert!(m.contains("IMAGEN_MCC_URL") && m.contains("`mcc`"), "{m}");
    }

    #[test]
    fn unknown_and_unconfigured_hosts() {
        let s = Session::builder()
            .api_key("k")
            .api_secret("s")
            .build()
            .unwrap();
        let m = err(s.host_url("mcc"));
        assert!(m.contains("IMAGEN_MCC_URL"), "{m}");
        let m = err(s.host_url("web"));
        assert!(m.contains("IMAGEN_WEB_URL"), "{m}");
        let m = err(s.host_url("ftp"));
        assert!(m.contains("unknown host key `ftp`"), "{m}");
        let s = Session::builder()
            .api_key("k")
            .api_secret("s")
            .host("cdn", "http://127.0.0.1:9")
            .build()
            .unwrap();
        assert_eq!(s.host_url("cdn").unwrap().as_str(), "http://127.0.0.1:9/");
    }

    #[test]
    fn builder_requires_credentials() {
        let m = err(Session::builder().api_secret("s").build());
        assert!(m.contains("API key"), "{m}");
        let m = err(Session::builder().api_key("k").build());
        assert!(m.contains("API secret"), "{m}");
        let m = err(Session::builder().api_key("k\n").api_secret("s").build());
        assert!(m.contains("api_key"), "{m}");
        for bad in [
            "not a url",
            "https://",
            "https://h/?q=1",
            "https://u:p@h/",
            "mailto:x@y",
        ] {
            let m = err(Session::builder()
                .api_key("k")
                .api_secret("s")
                .host("mcc", bad)
                .build());
            assert!(m.contains("SessionBuilder::host(\"mcc\")"), "{bad}: {m}");
        }
        let dbg = format!(
            "{:?}",
            Session::builder().api_key("k").api_secret("TOPSECRET")
        );
        assert!(!dbg.contains("TOPSECRET"), "{dbg}");
    }

    #[test]
    fn application_file_follows_the_description() {
        static OWN: Environment = Environment {
            key_var: "K",
            secret_var: "S",
            hosts: &[HostSpec {
                key: "main",
                env: None,
                default_url: None,
            }],
            file: Some(FileSpec {
                wrapper: None,
                key: "client_id",
                secret: "client_secret",
                hosts: &[("main", "base_url")],
            }),
        };
        static NONE: Environment = Environment {
            key_var: "K",
            secret_var: "S",
            hosts: &[],
            file: None,
        };
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("own.json");
        std::fs::write(
            &p,
            r#"{"client_id":"ok","client_secret":"os","base_url":"https://own.example"}"#,
        )
        .unwrap();
        let s = SessionBuilder::from_application_file_for(&OWN, &p)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(s.api_key().as_str(), "ok");
        assert_eq!(s.host_url("main").unwrap().host_str(), Some("own.example"));
        // Imagen's field names mean nothing to this description.
        std::fs::write(&p, r#"{"APIKey":"k","SecretAccessKey":"s"}"#).unwrap();
        let m = err(SessionBuilder::from_application_file_for(&OWN, &p));
        assert!(m.contains("`client_id`"), "{m}");
        let m = err(SessionBuilder::from_application_file_for(&NONE, &p));
        assert!(m.contains("credentials.file"), "{m}");
    }

    #[test]
    fn from_file_then_override() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("app.json");
        std::fs::write(
            &p,
            r#"{"Application":{"APIKey":"fk","SecretAccessKey":"fs","MCCURL":"https://m"}}"#,
        )
        .unwrap();
        let s = SessionBuilder::from_application_file(&p)
            .unwrap()
            .host("web", "https://w")
            .build()
            .unwrap();
        assert_eq!(s.api_key().as_str(), "fk");
        assert_eq!(s.host_url("mcc").unwrap().host_str(), Some("m"));
        assert_eq!(s.host_url("web").unwrap().host_str(), Some("w"));
        let m = err(SessionBuilder::from_application_file(
            dir.path().join("missing.json"),
        ));
        assert!(m.contains("missing.json"), "{m}");
        std::fs::write(
            &p,
            r#"{"APIKey":"k","SecretAccessKey":"s","MCCURL":"nope"}"#,
        )
        .unwrap();
        let m = err(SessionBuilder::from_application_file(&p).unwrap().build());
        assert!(m.contains("`MCCURL`") && m.contains("app.json"), "{m}");
    }

    #[test]
    fn skew_offset() {
        let s = Session::builder()
            .api_key("k")
            .api_secret("s")
            .build()
            .unwrap();
        s.observe_server_time(SystemTime::now() + Duration::from_secs(600));
        assert!((599..=601).contains(&s.clock_offset_secs()));
        let d = secs_between(SystemTime::now(), s.now());
        assert!((599..=601).contains(&d));
        s.observe_server_time(SystemTime::now() + Duration::from_secs(5));
        assert_eq!(s.clock_offset_secs(), 0);
        s.correct_clock(SystemTime::now() - Duration::from_secs(400));
        assert!((-401..=-399).contains(&s.clock_offset_secs()));
        // A user session shares the offset.
        let u = s.with_token_source(Arc::new(crate::token::StaticToken::new("t")));
        assert_eq!(u.clock_offset_secs(), s.clock_offset_secs());
        assert!(u.has_token_source() && !u.application_context().has_token_source());
    }
}
