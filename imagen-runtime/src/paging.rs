//! Paging through an endpoint's results as a [`Stream`].
//!
//! A description marks an endpoint `paginate:` (see `api/FORMAT.md`); the
//! endpoint's [`Paging`] says which parameters carry the position and which
//! answer fields say how far there is to go, and the generated builder gets
//! `pages()` and `items()`, made here. Each page is an ordinary
//! [`Request::send`]: retries, refresh, error classification and answer
//! limits apply to every page, and the first error ends the stream with
//! that error. One page is held at a time, so memory stays flat however many
//! results there are.
//!
//! Two styles cover the APIs this project knows:
//!
//! - [`Style::Offset`]: `start` + page size, the position advancing by the
//!   items received, optionally with a value the first answer returns that
//!   later requests must carry (Imagen's `searchID`), stopping at the total
//!   when the answer gives one, else at a short or empty page;
//! - [`Style::Cursor`]: each answer names the next page (a "next token"),
//!   stopping when it names none.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::stream::{self, Stream, StreamExt};
use serde::de::DeserializeOwned;

use crate::Error;
use crate::request::Request;
use crate::wire::Wire;

/// How an endpoint pages (the description's `paginate:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Paging {
    /// How the next page is named.
    pub style: Style,
    /// Query parameter with the index of the first item wanted.
    pub start: Option<&'static str>,
    /// Query parameter with the page size.
    pub size: Option<&'static str>,
    /// The largest page size the server accepts; also the page size the
    /// pager asks for when the caller set none.
    pub max_size: Option<u64>,
    /// Index of the first item (0 or 1).
    pub base: u64,
    /// Query parameter carrying the value the answers return: the search
    /// to page through ([`Style::Offset`]) or the next page ([`Style::Cursor`]).
    pub cursor: Option<&'static str>,
    /// A boolean query parameter sent `true` on the first request to make
    /// the server count the total.
    pub ask_total: Option<&'static str>,
}

/// How the next page is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// By the index of its first item.
    Offset,
    /// By a value the previous answer returned.
    Cursor,
}

/// What the pager reads from one page (generated per endpoint).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageView<'a> {
    /// Items on this page.
    pub items: usize,
    /// Items in all pages, when the answer says.
    pub total: Option<u64>,
    /// The value the next request carries in [`Paging::cursor`].
    pub cursor: Option<&'a str>,
}

/// Reads a page for the pager.
pub type ViewFn<T> = for<'a> fn(&'a T) -> PageView<'a>;

type BoxStream<T> = Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>;

/// The pages of an answer, one request each (made by a generated `pages()`).
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T>(BoxStream<T>);

/// The items of every page (made by a generated `items()`).
#[must_use = "streams do nothing unless polled"]
pub struct Items<I>(BoxStream<I>);

impl<T> Stream for Pages<T> {
    type Item = Result<T, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl<I> Stream for Items<I> {
    type Item = Result<I, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pages")
    }
}

impl<I> fmt::Debug for Items<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Items")
    }
}

impl<I: Send + 'static> Items<I> {
    /// The items of `pages`, taken out of each page by `items_of`.
    pub fn new<T: Send + 'static>(pages: Pages<T>, items_of: fn(T) -> Vec<I>) -> Self {
        Items(Box::pin(pages.flat_map(move |page| {
            let items: Vec<Result<I, Error>> = match page {
                Ok(page) => items_of(page).into_iter().map(Ok).collect(),
                Err(e) => vec![Err(e)],
            };
            stream::iter(items)
        })))
    }
}

/// Where the pager is.
struct Pager<T> {
    template: Request<T>,
    paging: Paging,
    view: ViewFn<T>,
    /// Index of the next item wanted.
    next: u64,
    /// The page size asked for, if any.
    size: Option<u64>,
    cursor: Option<String>,
    total: Option<u64>,
    first: bool,
    done: bool,
    /// Ends the stream at the next step.
    error: Option<Error>,
}

impl<T: DeserializeOwned + Wire + Send + 'static> Request<T> {
    /// Every page of the answer as a stream, one request per page; `view`
    /// reads a page's item count, total and cursor. The endpoint must have
    /// a [`Paging`]. Parameters the caller set are kept: a page size is the
    /// size of every page (at most [`Paging::max_size`]), a `start` the
    /// first item, a cursor the search to continue.
    pub fn pages(self, view: ViewFn<T>) -> Pages<T> {
        let Some(paging) = self.endpoint().paging else {
            let name = self.endpoint().name;
            return Pages(Box::pin(stream::once(async move {
                Err(Error::InvalidRequest {
                    message: format!("`{name}` does not page (its description has no `paginate:`)"),
                })
            })));
        };
        let mut template = self;
        if let Err(e) = template.checked_for_paging() {
            return Pages(Box::pin(stream::once(async move { Err(e) })));
        }
        let taken =
            |t: &mut Request<T>, name: Option<&'static str>| name.and_then(|n| t.take_query(n));
        let start = taken(&mut template, paging.start).and_then(|v| v.parse().ok());
        let size = taken(&mut template, paging.size)
            .and_then(|v| v.parse::<u64>().ok())
            .or(paging.max_size)
            .map(|s| match paging.max_size {
                Some(max) => s.clamp(1, max),
                None => s.max(1),
            });
        let cursor = taken(&mut template, paging.cursor);
        let pager = Pager {
            template,
            paging,
            view,
            next: start.unwrap_or(paging.base),
            size,
            cursor,
            total: None,
            first: true,
            done: false,
            error: None,
        };
        Pages(Box::pin(stream::unfold(pager, Pager::step)))
    }
}

impl<T: DeserializeOwned + Wire + Send + 'static> Pager<T> {
    async fn step(mut self) -> Option<(Result<T, Error>, Self)> {
        if self.done {
            return None;
        }
        let sent = match self.error.take() {
            Some(e) => Err(e),
            None => match self.request() {
                Ok(request) => request.send().await,
                Err(e) => Err(e),
            },
        };
        match sent {
            Ok(page) => {
                self.advance(&page);
                Some((Ok(page), self))
            }
            // The first error ends the stream.
            Err(e) => {
                self.done = true;
                Some((Err(e), self))
            }
        }
    }

    /// The request for the next page.
    fn request(&self) -> Result<Request<T>, Error> {
        let p = &self.paging;
        let mut r = self.template.fork()?;
        match p.style {
            Style::Offset => {
                // A server that hands out a search to page through wants
                // `start` only together with it (Imagen's `searchID`).
                let positioned = p.cursor.is_none() || self.cursor.is_some();
                if let Some(start) = p.start
                    && positioned
                    && !(self.first && self.next == p.base)
                {
                    r = r.query(start, self.next);
                }
            }
            Style::Cursor => {}
        }
        if let (Some(name), Some(cursor)) = (p.cursor, &self.cursor) {
            r = r.query(name, cursor);
        }
        if let (Some(name), Some(size)) = (p.size, self.size) {
            r = r.query(name, size);
        }
        if let Some(name) = p.ask_total
            && self.first
            && !r.has_query(name)
        {
            r = r.query(name, true);
        }
        Ok(r)
    }

    /// Takes in what a page says and decides whether another follows.
    fn advance(&mut self, page: &T) {
        let view = (self.view)(page);
        self.first = false;
        if view.total.is_some() {
            self.total = view.total;
        }
        let n = view.items as u64;
        self.next = self.next.saturating_add(n);
        match self.paging.style {
            Style::Offset => {
                if let Some(c) = view.cursor.filter(|c| !c.is_empty()) {
                    self.cursor = Some(c.to_owned());
                }
                let reached_total = self
                    .total
                    .is_some_and(|t| self.next.saturating_sub(self.paging.base) >= t);
                // Without a total, a page shorter than asked for is the last.
                let short = self.total.is_none() && self.size.is_some_and(|s| n < s);
                self.done = n == 0 || reached_total || short;
                if !self.done && self.paging.cursor.is_some() && self.cursor.is_none() {
                    // Asking for the same first page again would never end.
                    self.error = Some(Error::InvalidRequest {
                        message: format!(
                            "`{}`: the answer did not return the value to page on (`{}`), so the next page can't be asked for",
                            self.template.endpoint().name,
                            self.paging.cursor.unwrap_or_default()
                        ),
                    });
                }
            }
            Style::Cursor => match view.cursor.filter(|c| !c.is_empty()) {
                Some(c) if n > 0 => self.cursor = Some(c.to_owned()),
                _ => self.done = true,
            },
        }
    }
}
