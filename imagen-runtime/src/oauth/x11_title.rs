//! Reading the consent page's result from the browser window's title on X11
//! (feature `x11-title`): what `urn:ietf:wg:oauth:2.0:oob:auto` expects of
//! a desktop application.
//!
//! With that redirect URI the page only asks the user to close the window;
//! the code is in the window's title (`Success code=…`, the words from the
//! description: [`OobTitle`]). This module connects to the X display (the
//! protocol spoken by `x11rb` in pure Rust, no C library), watches the
//! titles of the top-level windows — `_NET_WM_NAME` (UTF-8), else `WM_NAME`
//! — and hands back the callback's parameters of the first title that is
//! this request's result. Titles that already showed a result when the
//! watch began (a window left over from an earlier attempt) are not taken
//! until they change; a title with another `state` is another attempt's.
//! No title is ever logged or put into an error: it holds the code.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::errors::{ConnectionError, ReplyError};
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    Atom, AtomEnum, ChangeWindowAttributesAux, ConnectionExt as _, EventMask, Window,
};
use x11rb::rust_connection::RustConnection;
use zeroize::Zeroizing;

use super::OAuthError;
use super::title::{OobTitle, TitleMatch};

/// Why no code came from the window titles.
pub(crate) enum ReadError {
    /// The display cannot be used (no X server there, access refused): the
    /// caller asks the user instead. Says what went wrong.
    Unavailable(String),
    /// The watch ran and ended with this error (timeout, a result without
    /// a code, the connection lost).
    Failed(OAuthError),
}

/// How often the loop looks for new events when there were none, and
/// looks for windows not seen yet (a safety net for windows whose creation
/// was not reported, e.g. made inside a window manager's frame).
const POLL: Duration = Duration::from_millis(50);
const RESCAN: Duration = Duration::from_secs(1);
/// Longest title read, in 4-byte units (16 KiB): a code is far shorter.
const MAX_TITLE_WORDS: u32 = 4096;

/// Watches the windows on `display` until one's title is the result of the
/// request whose `state` is `state`, for at most `timeout`; returns the
/// callback's parameters (`code=…`, `error=…`).
pub(crate) async fn read(
    display: &str,
    title: OobTitle,
    state: &str,
    timeout: Duration,
) -> Result<Zeroizing<String>, ReadError> {
    let display = display.to_owned();
    let state = Zeroizing::new(state.to_owned());
    let stop = Arc::new(AtomicBool::new(false));
    // Dropping the future (the caller gave up) stops the thread.
    let _guard = StopOnDrop(stop.clone());
    let task = tokio::task::spawn_blocking(move || {
        let watch = Watch::connect(&display, title, state)?;
        watch.run(&display, timeout, &stop)
    });
    match task.await {
        Ok(r) => r,
        Err(e) => Err(ReadError::Failed(OAuthError::WindowTitle(format!(
            "the window-title reader stopped: {e}"
        )))),
    }
}

struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

struct Watch {
    conn: RustConnection,
    root: Window,
    net_wm_name: Atom,
    utf8_string: Atom,
    title: OobTitle,
    state: Zeroizing<String>,
    /// Windows whose property changes we receive.
    watched: HashSet<Window>,
    /// Titles that showed a result before the watch began, by window.
    stale: HashMap<Window, Zeroizing<String>>,
}

enum Seen {
    Nothing,
    Result(Zeroizing<String>),
    Incomplete(&'static str),
}

impl Watch {
    fn connect(
        display: &str,
        title: OobTitle,
        state: Zeroizing<String>,
    ) -> Result<Self, ReadError> {
        let unavailable = |e: &dyn std::fmt::Display| {
            ReadError::Unavailable(format!("cannot use X display {display}: {e}"))
        };
        let (conn, screen) = x11rb::connect(Some(display)).map_err(|e| unavailable(&e))?;
        let root = conn
            .setup()
            .roots
            .get(screen)
            .map(|s| s.root)
            .ok_or_else(|| unavailable(&format!("it has no screen {screen}")))?;
        let atom = |name: &[u8]| -> Result<Atom, ReadError> {
            Ok(conn
                .intern_atom(false, name)
                .map_err(|e| unavailable(&e))?
                .reply()
                .map_err(|e| unavailable(&e))?
                .atom)
        };
        let net_wm_name = atom(b"_NET_WM_NAME")?;
        let utf8_string = atom(b"UTF8_STRING")?;
        // New top-level windows (and reparenting) are reported on the root.
        conn.change_window_attributes(
            root,
            &ChangeWindowAttributesAux::new().event_mask(EventMask::SUBSTRUCTURE_NOTIFY),
        )
        .map_err(|e| unavailable(&e))?
        .check()
        .map_err(|e| unavailable(&e))?;
        let mut watch = Watch {
            conn,
            root,
            net_wm_name,
            utf8_string,
            title,
            state,
            watched: HashSet::new(),
            stale: HashMap::new(),
        };
        // What is on screen now is not this attempt's result.
        for w in watch.scan().map_err(|e| unavailable(&e))? {
            if let Some(t) = watch.window_title(w).map_err(|e| unavailable(&e))?
                && watch.title.split(&t).is_some()
            {
                watch.stale.insert(w, t);
            }
        }
        Ok(watch)
    }

    fn run(
        mut self,
        display: &str,
        timeout: Duration,
        stop: &AtomicBool,
    ) -> Result<Zeroizing<String>, ReadError> {
        let lost = |e: ConnectionError| {
            ReadError::Failed(OAuthError::WindowTitle(format!(
                "lost the connection to X display {display} while waiting for the browser \
                 window's title: {e}"
            )))
        };
        let start = Instant::now();
        let mut last_scan = start;
        loop {
            if stop.load(Ordering::Relaxed) {
                return Err(ReadError::Failed(OAuthError::Timeout(timeout)));
            }
            if start.elapsed() >= timeout {
                return Err(ReadError::Failed(OAuthError::WindowTitle(format!(
                    "no browser window on X display {display} showed the consent page's result \
                     within {} s (a title starting with `{} code=` or `{} error=`); finish the \
                     authorization in the browser window that was opened, or start again",
                    timeout.as_secs(),
                    self.title.success,
                    self.title.denied
                ))));
            }
            let mut candidates = Vec::new();
            while let Some(event) = self.conn.poll_for_event().map_err(lost)? {
                match event {
                    Event::CreateNotify(e) => candidates.push(e.window),
                    Event::MapNotify(e) => candidates.push(e.window),
                    Event::ReparentNotify(e) => candidates.push(e.window),
                    Event::PropertyNotify(e)
                        if e.atom == self.net_wm_name || e.atom == u32::from(AtomEnum::WM_NAME) =>
                    {
                        candidates.push(e.window);
                    }
                    // Errors of requests on windows that vanished meanwhile.
                    _ => {}
                }
            }
            if last_scan.elapsed() >= RESCAN {
                last_scan = Instant::now();
                candidates.extend(self.scan().map_err(lost)?);
            }
            for w in candidates {
                self.watch(w).map_err(lost)?;
                match self.look_at(w).map_err(lost)? {
                    Seen::Nothing => {}
                    Seen::Result(params) => return Ok(params),
                    Seen::Incomplete(word) => {
                        return Err(ReadError::Failed(OAuthError::MalformedCallback(format!(
                            "the browser window's title starts with `{word}` but carries \
                             neither `code=` nor `error=`"
                        ))));
                    }
                }
            }
            self.conn.flush().map_err(lost)?;
            std::thread::sleep(POLL);
        }
    }

    /// The root's children and grandchildren (a reparenting window manager
    /// puts the application's window inside its frame) not watched yet,
    /// now watched: the title changes of the others arrive as events.
    fn scan(&mut self) -> Result<Vec<Window>, ConnectionError> {
        let mut found = Vec::new();
        let Some(top) = self.children(self.root)? else {
            return Ok(found);
        };
        for w in top {
            if self.watch(w)? {
                found.push(w);
            }
            for inner in self.children(w)?.unwrap_or_default() {
                if self.watch(inner)? {
                    found.push(inner);
                }
            }
        }
        Ok(found)
    }

    fn children(&self, w: Window) -> Result<Option<Vec<Window>>, ConnectionError> {
        match self.conn.query_tree(w)?.reply() {
            Ok(tree) => Ok(Some(tree.children)),
            Err(ReplyError::X11Error(_)) => Ok(None),
            Err(ReplyError::ConnectionError(e)) => Err(e),
        }
    }

    /// Asks for `w`'s property changes, once per window (errors for a
    /// window that is gone arrive as events and are ignored); whether it
    /// was new.
    fn watch(&mut self, w: Window) -> Result<bool, ConnectionError> {
        let new = self.watched.insert(w);
        if new {
            self.conn.change_window_attributes(
                w,
                &ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE),
            )?;
        }
        Ok(new)
    }

    fn look_at(&mut self, w: Window) -> Result<Seen, ConnectionError> {
        let Some(title) = self.window_title(w)? else {
            return Ok(Seen::Nothing);
        };
        if self.stale.get(&w).is_some_and(|old| **old == *title) {
            return Ok(Seen::Nothing);
        }
        self.stale.remove(&w);
        Ok(match self.title.classify(&title, &self.state) {
            TitleMatch::NotOurs => Seen::Nothing,
            TitleMatch::OtherAttempt => {
                tracing::debug!(window = w, "oauth: a window shows another attempt's result");
                Seen::Nothing
            }
            TitleMatch::Incomplete(word) => Seen::Incomplete(word),
            TitleMatch::Callback(params) => Seen::Result(Zeroizing::new(params.to_owned())),
        })
    }

    /// `_NET_WM_NAME` (UTF-8), else `WM_NAME` (Latin-1 `STRING`; other
    /// encodings read as UTF-8, lossily). `None` for a window without a
    /// title, or one that is gone.
    fn window_title(&self, w: Window) -> Result<Option<Zeroizing<String>>, ConnectionError> {
        let get =
            |property: Atom, kind: Atom| -> Result<Option<(Atom, Vec<u8>)>, ConnectionError> {
                match self
                    .conn
                    .get_property(false, w, property, kind, 0, MAX_TITLE_WORDS)?
                    .reply()
                {
                    Ok(r) if r.format == 8 && !r.value.is_empty() => Ok(Some((r.type_, r.value))),
                    Ok(_) | Err(ReplyError::X11Error(_)) => Ok(None),
                    Err(ReplyError::ConnectionError(e)) => Err(e),
                }
            };
        if let Some((_, value)) = get(self.net_wm_name, self.utf8_string)? {
            let value = Zeroizing::new(value);
            return Ok(Some(Zeroizing::new(
                String::from_utf8_lossy(&value).into_owned(),
            )));
        }
        let Some((kind, value)) = get(AtomEnum::WM_NAME.into(), AtomEnum::ANY.into())? else {
            return Ok(None);
        };
        let value = Zeroizing::new(value);
        let text = if kind == u32::from(AtomEnum::STRING) {
            value.iter().map(|&b| char::from(b)).collect()
        } else {
            String::from_utf8_lossy(&value).into_owned()
        };
        Ok(Some(Zeroizing::new(text)))
    }
}
