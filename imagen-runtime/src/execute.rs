//! The one execution loop behind typed and raw requests: authentication
//! (signed, bearer, none), signing, retries within the policy (only what
//! may be resent), clock-skew and token recovery, bounded reading of the
//! answer, classification of error answers, and tracing.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument as _;
use url::Url;

use crate::Error;
use crate::endpoint::{Auth, Method};
use crate::error::classify;
use crate::oauth::OAuthError;
use crate::request::RawResponse;
use crate::session::Session;
use crate::signing::HEADER_API_KEY;
use crate::token::{AccessToken, TokenSource};

pub(crate) struct Prepared<'a> {
    pub(crate) name: &'static str,
    pub(crate) method: Method,
    pub(crate) auth: Auth,
    /// Makes the URL, headers and body of the request, once per attempt:
    /// nothing is built to be copied for an attempt that never comes.
    pub(crate) parts: &'a mut (dyn FnMut() -> Result<Parts, Error> + Send),
    pub(crate) timeout: Option<Duration>,
    pub(crate) idempotent: bool,
    pub(crate) outcome_hint: Option<&'static str>,
}

/// What one attempt sends, before signing.
pub(crate) struct Parts {
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<(Bytes, HeaderValue)>,
}

enum Mode {
    Signed,
    Bearer(Arc<dyn TokenSource>),
    Anonymous,
}

impl Session {
    /// Removes the API secret from a decode error's raw body (the
    /// application resource, for one, echoes `SecretAccessKey`).
    pub(crate) fn scrub(&self, e: Error) -> Error {
        match e {
            Error::Decode {
                status,
                body,
                source,
            } => {
                let secret = self.shared.signer.secret().secret();
                let body = if secret.is_empty() {
                    body
                } else {
                    body.replace(secret, crate::secret::REDACTED)
                };
                Error::Decode {
                    status,
                    body,
                    source,
                }
            }
            other => other,
        }
    }

    /// Joins a host's base URL and an encoded path (with query). The base
    /// URL's own path is kept as a prefix. Refuses anything the URL parser
    /// would normalise into a different path.
    pub(crate) fn url_for(&self, host: &str, path_and_query: &str) -> Result<Url, Error> {
        let base = self.host_url(host)?;
        let prefix = base.path().trim_end_matches('/');
        let mut joined = base.clone();
        joined.set_query(None);
        let (path, query) = match path_and_query.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path_and_query, None),
        };
        let full_path = format!("{prefix}{path}");
        joined.set_path(&full_path);
        joined.set_query(query);
        if joined.path() != full_path {
            return Err(Error::InvalidRequest {
                message: format!(
                    "path {path:?} would be sent as {:?}: refusing a path the URL parser rewrites",
                    joined.path()
                ),
            });
        }
        Ok(joined)
    }

    fn mode(&self, auth: Auth, name: &str) -> Result<Mode, Error> {
        Ok(match (auth, &self.token) {
            (Auth::Application, _) | (Auth::Any, None) => Mode::Signed,
            (Auth::User | Auth::Any, Some(source)) => Mode::Bearer(Arc::clone(source)),
            (Auth::User, None) => {
                return Err(Error::Config {
                    message: format!(
                        "`{name}` needs user context: give the session a token source (SessionBuilder::token_source or Session::with_token_source)"
                    ),
                });
            }
            (Auth::None, _) => Mode::Anonymous,
        })
    }

    pub(crate) async fn execute(&self, p: Prepared<'_>) -> Result<RawResponse, Error> {
        match self.execute_traced(p, false).await? {
            Received::Full(answer) => Ok(answer),
            // Not asked for: read it like any other answer.
            Received::Stream(resp) => {
                let status = resp.status().as_u16();
                let mut resp = resp;
                let headers = std::mem::take(resp.headers_mut());
                let body =
                    read_limited(resp, self.shared.max_answer_bytes, self.shared.timeout).await?;
                Ok(RawResponse {
                    status,
                    headers,
                    body,
                })
            }
        }
    }

    /// Like [`execute`](Self::execute), handing a success back unread.
    pub(crate) async fn execute_stream(&self, p: Prepared<'_>) -> Result<Received, Error> {
        self.execute_traced(p, true).await
    }

    async fn execute_traced(&self, p: Prepared<'_>, stream: bool) -> Result<Received, Error> {
        let first = (p.parts)()?;
        let span = kept(tracing::info_span!(
            "imagen.request",
            endpoint = %p.name,
            method = %p.method,
            path = %first.url.path(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
        ));
        self.execute_inner(p, first, stream, span.clone())
            .instrument(span)
            .await
    }

    async fn execute_inner(
        &self,
        p: Prepared<'_>,
        first: Parts,
        stream: bool,
        span: tracing::Span,
    ) -> Result<Received, Error> {
        // Fields of the request's span, recorded only where a subscriber
        // keeps them.
        let record = |field: &str, value: u64| {
            if !span.is_disabled() {
                span.record(field, value);
            }
        };
        let mode = self.mode(p.auth, p.name)?;
        let timeout = p.timeout.unwrap_or(self.shared.timeout);
        let method = p.method.to_reqwest();
        let mut next = Some(first);
        let mut token: Option<AccessToken> = None;
        let mut attempt: u32 = 0;
        let mut retries: u32 = 0;
        let mut date_corrected = false;
        let mut token_refreshed = false;
        loop {
            attempt += 1;
            let attempt_span = kept(tracing::debug_span!(
                "imagen.attempt",
                attempt,
                status = tracing::field::Empty
            ));
            // The first attempt's parts were made for the span; a later
            // attempt makes its own.
            let parts = match next.take() {
                Some(parts) => parts,
                None => (p.parts)()?,
            };
            let mut req = request_of(method.clone(), parts, timeout);
            let signed_offset = self.clock_offset_secs();
            match &mode {
                Mode::Signed => {
                    self.shared.signer.sign(&mut req, self.now());
                }
                Mode::Bearer(source) => {
                    let t = match token.take() {
                        Some(t) => t,
                        None => source.token().await?,
                    };
                    set_bearer(&mut req, self.api_key().as_str(), &t)?;
                    token = Some(t);
                }
                Mode::Anonymous => {}
            }
            if let Some(hook) = &self.shared.on_request {
                hook(&mut req);
            }
            let outcome = self
                .attempt(req, timeout, stream)
                .instrument(attempt_span)
                .await;
            record("attempts", u64::from(attempt));
            let err = match outcome {
                Ok(answer) => {
                    let status = match &answer {
                        Received::Full(a) => a.status,
                        Received::Stream(r) => r.status().as_u16(),
                    };
                    record("status", u64::from(status));
                    return Ok(answer);
                }
                Err(err) => {
                    if let Some(status) = err.status() {
                        record("status", u64::from(status));
                    }
                    err
                }
            };
            // Recovery that does not depend on the server's wording: a signed
            // request refused (401/403) by a server whose clock turned out
            // to differ from ours beyond the threshold is signed again with
            // the corrected date; a bearer request refused with 401 gets a
            // refreshed token. Each once: the server refused the request
            // before acting on it.
            let status = err.status();
            match (&err, &mode) {
                (_, Mode::Signed)
                    if !date_corrected
                        && matches!(status, Some(401 | 403))
                        && self.clock_offset_secs() != signed_offset =>
                {
                    tracing::debug!("request refused while the clocks differ; signing again");
                    date_corrected = true;
                    continue;
                }
                (
                    Error::DateRejected {
                        server_time: Some(t),
                        ..
                    },
                    Mode::Signed,
                ) if !date_corrected => {
                    self.correct_clock(*t);
                    date_corrected = true;
                    continue;
                }
                (_, Mode::Bearer(source)) if !token_refreshed && status == Some(401) => {
                    token_refreshed = true;
                    if let Some(rejected) = token.take() {
                        tracing::debug!(
                            "bearer request refused with 401; refreshing the token once"
                        );
                        token = Some(source.refresh(&rejected).await.map_err(|e| {
                            match e {
                                // Keep what the server said next to why no new token came.
                                Error::OAuth(OAuthError::ReauthorizationRequired { reason }) => {
                                    OAuthError::ReauthorizationRequired {
                                        reason: format!("{reason} (the server answered: {err})"),
                                    }
                                    .into()
                                }
                                other => other,
                            }
                        })?);
                        continue;
                    }
                }
                _ => {}
            }
            // What creates data is sent again only when it certainly never
            // reached the server; otherwise its outcome is unknown.
            let never_sent = matches!(&err, Error::Transport { source } if source.is_connect());
            let delay = if err.is_retryable() && (p.idempotent || never_sent) {
                self.shared.retry.delay(retries + 1, err.retry_after())
            } else {
                None
            };
            if let Some(delay) = delay {
                retries += 1;
                tracing::warn!(
                    attempt,
                    delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                    error = %err,
                    "retrying"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            if !p.idempotent
                && !never_sent
                && matches!(err, Error::Timeout { .. } | Error::Transport { .. })
            {
                return Err(Error::OutcomeUnknown {
                    endpoint: p.name,
                    source: Box::new(err),
                    hint: p.outcome_hint,
                });
            }
            return Err(err);
        }
    }
}

impl Session {
    /// One attempt: send, observe the server's clock, read the body (up to
    /// the session's limit; a streamed success is handed back unread),
    /// classify a non-success answer.
    async fn attempt(
        &self,
        req: reqwest::Request,
        timeout: Duration,
        stream: bool,
    ) -> Result<Received, Error> {
        tracing::debug!("sending");
        let mut resp = self
            .shared
            .client
            .execute(req)
            .await
            .map_err(|e| Error::from_reqwest(e, Some(timeout)))?;
        let status = resp.status().as_u16();
        tracing::Span::current().record("status", status);
        if let Some(server) = self.server_date(resp.headers()) {
            self.observe_server_time(server);
        }
        let success = (200..300).contains(&status);
        if success && stream {
            return Ok(Received::Stream(resp));
        }
        // The body is read without the headers: move them out, not a copy.
        let headers = std::mem::take(resp.headers_mut());
        let body = read_limited(resp, self.shared.max_answer_bytes, timeout).await?;
        if success {
            tracing::debug!(bytes = body.len(), "answer");
            return Ok(Received::Full(RawResponse {
                status,
                headers,
                body,
            }));
        }
        let err = classify(status, &headers, &body);
        tracing::debug!(error = %err, "error answer");
        Err(err)
    }
}

/// What an attempt received: the whole answer, or a success to stream.
pub(crate) enum Received {
    Full(RawResponse),
    Stream(reqwest::Response),
}

/// Reads an answer body into memory, never past `limit` bytes: a larger
/// `Content-Length` is refused before reading, a body that grows past the
/// limit is dropped where it crosses it. A body that arrives in one chunk
/// (most answers) is kept as that chunk, without a copy.
pub(crate) async fn read_limited(
    mut resp: reqwest::Response,
    limit: u64,
    timeout: Duration,
) -> Result<Bytes, Error> {
    let status = resp.status().as_u16();
    let announced = resp.content_length();
    if let Some(n) = announced
        && n > limit
    {
        return Err(Error::AnswerTooLarge {
            status,
            limit,
            announced: Some(n),
        });
    }
    let too_large = || Error::AnswerTooLarge {
        status,
        limit,
        announced,
    };
    let mut next = async || {
        resp.chunk()
            .await
            .map_err(|e| Error::from_reqwest(e, Some(timeout)))
    };
    let Some(first) = next().await? else {
        return Ok(Bytes::new());
    };
    if first.len() as u64 > limit {
        return Err(too_large());
    }
    let Some(mut chunk) = next().await? else {
        return Ok(first);
    };
    let capacity = usize::try_from(announced.unwrap_or(0).min(limit)).unwrap_or(0);
    let mut body = Vec::with_capacity(capacity.max(first.len() + chunk.len()));
    body.extend_from_slice(&first);
    loop {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
        match next().await? {
            Some(c) => chunk = c,
            None => break,
        }
    }
    Ok(Bytes::from(body))
}

/// `span`, or no span at all when no subscriber keeps it. A future enters
/// and leaves its span on each poll (a request is polled some twenty
/// times); a disabled span still costs a call each time and, with
/// tracing's `log` feature on (axum's default features turn it on), an
/// activity record (`-> imagen.request`) to the `log` facade.
fn kept(span: tracing::Span) -> tracing::Span {
    if span.is_disabled() {
        tracing::Span::none()
    } else {
        span
    }
}

/// The request of one attempt, unsigned. A raw request without an
/// `Accept` of its own asks for JSON, like the older runtime did; typed
/// requests set the endpoint's format.
fn request_of(method: reqwest::Method, parts: Parts, timeout: Duration) -> reqwest::Request {
    let mut req = reqwest::Request::new(method, parts.url);
    *req.headers_mut() = parts.headers;
    req.headers_mut()
        .entry(ACCEPT)
        .or_insert(HeaderValue::from_static("application/json"));
    if let Some((bytes, content_type)) = parts.body {
        req.headers_mut().insert(CONTENT_TYPE, content_type);
        *req.body_mut() = Some(bytes.into());
    }
    *req.timeout_mut() = Some(timeout);
    req
}

fn set_bearer(req: &mut reqwest::Request, key: &str, token: &AccessToken) -> Result<(), Error> {
    let mut auth = HeaderValue::from_str(&format!("Bearer {}", token.secret())).map_err(|_| {
        Error::from(OAuthError::ReauthorizationRequired {
            reason: "the access token contains characters not allowed in an HTTP header".into(),
        })
    })?;
    auth.set_sensitive(true);
    let headers = req.headers_mut();
    if let Ok(k) = HeaderValue::from_str(key) {
        headers.insert(HeaderName::from_static(HEADER_API_KEY), k);
    }
    headers.insert(AUTHORIZATION, auth);
    Ok(())
}

impl Session {
    /// The time an answer's `Date` header says, if it parses; the same
    /// header as the last one is not parsed again.
    fn server_date(&self, headers: &HeaderMap) -> Option<SystemTime> {
        let value = headers.get(reqwest::header::DATE)?;
        let parse = || {
            value
                .to_str()
                .ok()
                .and_then(|v| httpdate::parse_http_date(v).ok())
        };
        let raw = value.as_bytes();
        let Ok(mut last) = self.shared.last_date.try_lock() else {
            return parse();
        };
        if raw.len() > last.bytes.len() {
            return parse();
        }
        if last.len == raw.len() && last.bytes[..raw.len()] == *raw {
            return last.time;
        }
        let time = parse();
        last.bytes[..raw.len()].copy_from_slice(raw);
        last.len = raw.len();
        last.time = time;
        time
    }
}
