//! A small blocking CardDAV/CalDAV client: discovery, collections, RFC 6578
//! sync, multiget and conditional writes. It moves bytes and reports what
//! the server said in typed errors; what to do with a 412 or an expired sync
//! token is the caller's business.
//!
//! Hrefs handed out are paths on the server's origin in one canonical
//! percent-encoding ([`url::normalize_path`]), so they can be stored and
//! compared as strings.

pub mod url;
pub mod xml;

use std::path::Path;
use std::time::Duration;

use ureq::http;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig};

pub use xml::Kind;
use xml::{CALDAV, CALSERVER, CARDDAV, DAV};

/// What can go wrong talking to a server, in terms a caller can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{url}: the server refused the user name or password")]
    Unauthorized { url: String },
    #[error("{url}: the server forbids this (403)")]
    Forbidden { url: String },
    #[error("{url}: not found on the server")]
    NotFound { url: String },
    /// 412: the ETag given with `If-Match` is stale, or `If-None-Match: *`
    /// met an existing resource.
    #[error("{url}: the item changed on the server (412 Precondition Failed)")]
    PreconditionFailed { url: String },
    /// The UID is already used by another resource of the collection
    /// (Radicale: 409; Xandikos: 412 with `no-uid-conflict`), or another 409.
    #[error("{url}: conflict{}", existing.as_ref().map(|e| format!(" with {e}")).unwrap_or_default())]
    Conflict {
        url: String,
        /// The resource that already holds the UID, when the server says.
        existing: Option<String>,
    },
    /// The sync token was rejected (expired, or from another collection):
    /// fall back to [`Client::list_etags`].
    #[error("{url}: the server no longer accepts this sync token")]
    InvalidSyncToken { url: String },
    /// The server refuses the item itself, naming a precondition: a
    /// component the calendar does not hold (`supported-calendar-component`,
    /// Xandikos), data it cannot read (`valid-calendar-data`,
    /// `valid-address-data`), …
    #[error("{url}: the server does not accept this item ({condition})")]
    Rejected { url: String, condition: String },
    /// MKCOL/MKCALENDAR on a collection that exists.
    #[error("{url}: already exists")]
    AlreadyExists { url: String },
    #[error("{url}: plain http:// is only for this machine (localhost); use https://")]
    InsecureUrl { url: String },
    #[error("{0}")]
    BadUrl(String),
    #[error("{path}: {message}")]
    CaFile { path: String, message: String },
    #[error("{url}: the server answered {status}{}", if detail.is_empty() { String::new() } else { format!(": {detail}") })]
    Status {
        url: String,
        status: u16,
        detail: String,
    },
    /// TLS refused the server's certificate (self-signed, expired, wrong host).
    #[error("{url}: the server's certificate is not trusted ({detail}); for a self-signed server, give the CA that signed it as ca_file")]
    Certificate { url: String, detail: String },
    #[error("{url}: {source}")]
    Network {
        url: String,
        #[source]
        source: ureq::Error,
    },
    /// The server's answer could not be understood.
    #[error("{url}: unexpected answer: {detail}")]
    Protocol { url: String, detail: String },
}

pub type Result<T> = std::result::Result<T, Error>;

/// What a collection is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectionType {
    AddressBook,
    /// A calendar and the components it declares (`VEVENT`, `VTODO`,
    /// `VJOURNAL`); empty when the server does not say (any component).
    Calendar {
        components: Vec<String>,
    },
}

/// One address book or calendar in a home set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub href: String,
    pub kind: CollectionType,
    pub display_name: Option<String>,
    pub sync_token: Option<String>,
    pub ctag: Option<String>,
}

/// Where a user's collections live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovery {
    pub principal: String,
    /// The `addressbook-home-set` or `calendar-home-set`.
    pub home: String,
}

/// What changed in a collection since a sync token.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncResult {
    /// New or changed members: (href, etag).
    pub changed: Vec<(String, String)>,
    /// Members gone since the token.
    pub removed: Vec<String>,
    /// The token to give next time.
    pub token: String,
}

/// One item fetched by multiget or GET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub href: String,
    pub etag: String,
    pub body: String,
}

/// The condition a PUT is made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write<'a> {
    /// A new resource: `If-None-Match: *`.
    Create,
    /// Replace the version with this ETag: `If-Match`.
    Replace(&'a str),
}

/// Requests per multiget: keeps each answer to a few megabytes.
const MULTIGET_BATCH: usize = 200;
/// Redirects followed during discovery.
const MAX_REDIRECTS: usize = 5;
/// Sync answers truncated by the server (507) are continued this often.
const MAX_SYNC_ROUNDS: usize = 100;
/// The largest answer read, so a broken server cannot fill memory.
const MAX_BODY: u64 = 512 * 1024 * 1024;

/// A blocking client for one server and one user.
pub struct Client {
    agent: ureq::Agent,
    base: url::Url,
    auth: String,
}

// `net sync` may run a few requests at a time over one client.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<Client>();
};

/// A server's answer, read whole.
struct Answer {
    status: u16,
    url: String,
    location: Option<String>,
    etag: Option<String>,
    body: String,
}

impl Client {
    /// A client for `base_url` as `user`. Plain `http://` is refused unless
    /// the host is this machine; `ca_file` (PEM) replaces the platform's
    /// roots with the CA that signed a self-signed server's certificate.
    pub fn new(
        base_url: &str,
        user: &str,
        password: &str,
        ca_file: Option<&Path>,
    ) -> Result<Client> {
        let base = url::Url::parse(base_url).map_err(Error::BadUrl)?;
        if base.scheme == "http" && !url::is_loopback(&base.host) {
            return Err(Error::InsecureUrl {
                url: base_url.to_string(),
            });
        }
        let roots = match ca_file {
            None => RootCerts::PlatformVerifier,
            Some(path) => RootCerts::from(read_ca_file(path)?),
        };
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            // Redirects are followed by hand, on the same origin only, so
            // the password never goes to another host.
            .max_redirects(0)
            .timeout_connect(Some(Duration::from_secs(15)))
            .timeout_global(Some(Duration::from_secs(300)))
            .timeout_per_read(Some(Duration::from_secs(60)))
            .user_agent(concat!("net/", env!("CARGO_PKG_VERSION")))
            .tls_config(TlsConfig::builder().root_certs(roots).build())
            .build();
        Ok(Client {
            agent: config.into(),
            base,
            auth: url::basic_auth(user, password),
        })
    }

    /// The base URL's path, normalised: the starting point of discovery.
    pub fn base_path(&self) -> String {
        url::normalize_path(&self.base.path)
    }

    /// A fresh resource href in `collection`: `<collection>/<uuid>.<ext>`.
    /// Never derived from a UID (imported UIDs contain `@` and `/`).
    pub fn new_href(collection: &str, ext: &str) -> Result<String> {
        let uuid = url::new_uuid().map_err(|detail| Error::Protocol {
            url: collection.to_string(),
            detail,
        })?;
        let dir = if collection.ends_with('/') {
            collection.to_string()
        } else {
            format!("{collection}/")
        };
        Ok(format!(
            "{dir}{}",
            url::encode_segment(&format!("{uuid}.{ext}"))
        ))
    }

    // -----------------------------------------------------------------------
    // Discovery

    /// Finds the user's principal and home set for address books or
    /// calendars: `.well-known` (RFC 6764, redirects followed) when the base
    /// URL is the server root, else the base URL itself; then
    /// `current-user-principal` and the home set.
    pub fn discover(&self, kind: Kind) -> Result<Discovery> {
        let (home_ns, home_prop, well_known) = match kind {
            Kind::AddressBook => (CARDDAV, "addressbook-home-set", "/.well-known/carddav"),
            Kind::Calendar => (CALDAV, "calendar-home-set", "/.well-known/caldav"),
        };
        let mut context = self.base_path();
        let mut answer = None;
        if context == "/" {
            if let Ok((found, ms)) = self.follow_redirects(well_known) {
                context = found;
                answer = Some(ms);
            }
        }
        let ms = match answer {
            Some(ms) => ms,
            None => {
                let body = xml::propfind(&[(DAV, "current-user-principal")]);
                self.propfind(&context, "0", &body)?
            }
        };
        let principal = ms
            .responses
            .iter()
            .find_map(|r| r.prop_href(DAV, "current-user-principal"))
            .map(|h| self.path_of(&h))
            .transpose()?
            .unwrap_or(context);
        let body = xml::propfind(&[(home_ns, home_prop)]);
        let ms = self.propfind(&principal, "0", &body)?;
        let home = ms
            .responses
            .iter()
            .find_map(|r| r.prop_href(home_ns, home_prop))
            .ok_or_else(|| Error::Protocol {
                url: self.base.join(&principal),
                detail: format!("the principal has no {home_prop}"),
            })?;
        Ok(Discovery {
            home: self.path_of(&home)?,
            principal,
        })
    }

    /// Where `.well-known/...` leads (redirects followed on this origin),
    /// with that path's answer to a current-user-principal PROPFIND. An
    /// error when it leads nowhere useful; discovery then starts at the
    /// base URL.
    fn follow_redirects(&self, start: &str) -> Result<(String, xml::Multistatus)> {
        let mut path = start.to_string();
        for _ in 0..MAX_REDIRECTS {
            let body = xml::propfind(&[(DAV, "current-user-principal")]);
            let answer = self.send("PROPFIND", &path, &[("Depth", "0")], Some(&body))?;
            match answer.status {
                301 | 302 | 303 | 307 | 308 => {
                    let location = answer.location.ok_or_else(|| Error::Protocol {
                        url: answer.url.clone(),
                        detail: "a redirect without Location".into(),
                    })?;
                    path = self.path_of(&location)?;
                }
                _ => return Ok((path, self.multistatus(&answer)?)),
            }
        }
        Err(Error::Protocol {
            url: self.base.join(start),
            detail: "too many redirects".into(),
        })
    }

    /// The address books or calendars (per `kind`) directly in `home`.
    pub fn list_collections(&self, home: &str, kind: Kind) -> Result<Vec<Collection>> {
        let body = xml::propfind(&[
            (DAV, "resourcetype"),
            (DAV, "displayname"),
            (CALDAV, "supported-calendar-component-set"),
            (DAV, "sync-token"),
            (CALSERVER, "getctag"),
        ]);
        let ms = self.propfind(home, "1", &body)?;
        let mut out = Vec::new();
        for r in &ms.responses {
            let Some(types) = r.prop(DAV, "resourcetype") else {
                continue;
            };
            let collection_type = if types.child(CARDDAV, "addressbook").is_some() {
                CollectionType::AddressBook
            } else if types.child(CALDAV, "calendar").is_some() {
                let components = r
                    .prop(CALDAV, "supported-calendar-component-set")
                    .map(|set| {
                        set.children_named(CALDAV, "comp")
                            .filter_map(|c| c.attr("name"))
                            .map(|n| n.to_ascii_uppercase())
                            .collect()
                    })
                    .unwrap_or_default();
                CollectionType::Calendar { components }
            } else {
                continue;
            };
            let wanted = matches!(
                (&collection_type, kind),
                (CollectionType::AddressBook, Kind::AddressBook)
                    | (CollectionType::Calendar { .. }, Kind::Calendar)
            );
            if !wanted {
                continue;
            }
            out.push(Collection {
                href: self.path_of(&r.href)?,
                kind: collection_type,
                display_name: r.prop_text(DAV, "displayname"),
                sync_token: r.prop_text(DAV, "sync-token"),
                ctag: r.prop_text(CALSERVER, "getctag"),
            });
        }
        Ok(out)
    }

    /// Creates an address book at `href` (extended MKCOL, RFC 5689).
    pub fn create_addressbook(&self, href: &str, display_name: &str) -> Result<()> {
        let body = xml::mkcol_addressbook(display_name);
        self.create("MKCOL", href, &body)
    }

    /// Creates a calendar at `href` holding `components` (`VEVENT`, `VTODO`,
    /// `VJOURNAL`).
    pub fn create_calendar(
        &self,
        href: &str,
        display_name: &str,
        components: &[&str],
    ) -> Result<()> {
        let body = xml::mkcalendar(display_name, components);
        self.create("MKCALENDAR", href, &body)
    }

    fn create(&self, method: &str, href: &str, body: &str) -> Result<()> {
        let href = collection_path(href);
        let answer = self.send(method, &href, &[], Some(body))?;
        match answer.status {
            200..=299 => Ok(()),
            405 => Err(Error::AlreadyExists { url: answer.url }),
            _ => Err(status_error(&answer)),
        }
    }

    // -----------------------------------------------------------------------
    // Reading

    /// What changed in `collection` since `token` (`None`: everything, the
    /// initial sync). A rejected token is [`Error::InvalidSyncToken`]: list
    /// the ETags instead. Truncated answers (507) are continued.
    pub fn sync_collection(&self, collection: &str, token: Option<&str>) -> Result<SyncResult> {
        let collection = collection_path(collection);
        let mut result = SyncResult::default();
        let mut token = token.map(str::to_string);
        for _ in 0..MAX_SYNC_ROUNDS {
            let body = xml::sync_collection(token.as_deref());
            let answer = self.send("REPORT", &collection, &[("Depth", "0")], Some(&body))?;
            if token.is_some() && rejects_token(&answer) {
                return Err(Error::InvalidSyncToken { url: answer.url });
            }
            let ms = self.multistatus(&answer)?;
            let mut truncated = false;
            for r in &ms.responses {
                let href = self.path_of(&r.href)?;
                if href == collection {
                    truncated |= r.status == Some(507);
                    continue;
                }
                if r.status == Some(404) {
                    result.changed.retain(|(h, _)| *h != href);
                    result.removed.push(href);
                } else if let Some(etag) = r.prop_text(DAV, "getetag") {
                    result.removed.retain(|h| *h != href);
                    result.changed.retain(|(h, _)| *h != href);
                    result.changed.push((href, etag));
                }
            }
            let next = ms.sync_token.ok_or_else(|| Error::Protocol {
                url: answer.url.clone(),
                detail: "a sync answer without a sync-token".into(),
            })?;
            result.token = next.clone();
            if !truncated || token.as_deref() == Some(next.as_str()) {
                return Ok(result);
            }
            token = Some(next);
        }
        Err(Error::Protocol {
            url: self.base.join(&collection),
            detail: "the sync answer stays truncated".into(),
        })
    }

    /// Every member of `collection` with its ETag (PROPFIND depth 1): the
    /// fallback when a sync token is rejected or not offered.
    pub fn list_etags(&self, collection: &str) -> Result<Vec<(String, String)>> {
        let collection = collection_path(collection);
        let body = xml::propfind(&[(DAV, "getetag"), (DAV, "resourcetype")]);
        let ms = self.propfind(&collection, "1", &body)?;
        let mut out = Vec::new();
        for r in &ms.responses {
            let href = self.path_of(&r.href)?;
            let is_collection = r
                .prop(DAV, "resourcetype")
                .is_some_and(|t| t.child(DAV, "collection").is_some());
            if href == collection || is_collection {
                continue;
            }
            if let Some(etag) = r.prop_text(DAV, "getetag") {
                out.push((href, etag));
            }
        }
        Ok(out)
    }

    /// The current sync token of `collection`, without its changes.
    pub fn sync_token(&self, collection: &str) -> Result<Option<String>> {
        let collection = collection_path(collection);
        let body = xml::propfind(&[(DAV, "sync-token")]);
        let ms = self.propfind(&collection, "0", &body)?;
        Ok(ms
            .responses
            .iter()
            .find_map(|r| r.prop_text(DAV, "sync-token")))
    }

    /// The items at `hrefs` in `collection` (addressbook-multiget or
    /// calendar-multiget, per `kind`), in batches. Hrefs the server no longer
    /// has are left out of the answer.
    pub fn multiget<S: AsRef<str>>(
        &self,
        collection: &str,
        kind: Kind,
        hrefs: &[S],
    ) -> Result<Vec<Item>> {
        let collection = collection_path(collection);
        let (data_ns, data) = match kind {
            Kind::AddressBook => (CARDDAV, "address-data"),
            Kind::Calendar => (CALDAV, "calendar-data"),
        };
        let mut out = Vec::with_capacity(hrefs.len());
        for batch in hrefs.chunks(MULTIGET_BATCH) {
            let refs: Vec<&str> = batch.iter().map(AsRef::as_ref).collect();
            let body = xml::multiget(kind, &refs);
            let answer = self.send("REPORT", &collection, &[("Depth", "1")], Some(&body))?;
            let ms = self.multistatus(&answer)?;
            for r in &ms.responses {
                let (Some(etag), Some(body)) = (r.prop_text(DAV, "getetag"), r.prop(data_ns, data))
                else {
                    continue;
                };
                out.push(Item {
                    href: self.path_of(&r.href)?,
                    etag,
                    body: body.text.clone(),
                });
            }
        }
        Ok(out)
    }

    /// One item by GET.
    pub fn get(&self, href: &str) -> Result<Item> {
        let href = url::normalize_path(href);
        let answer = self.send("GET", &href, &[], None)?;
        if !(200..300).contains(&answer.status) {
            return Err(status_error(&answer));
        }
        let etag = match answer.etag {
            Some(etag) => etag,
            None => self.etag_of(&href)?.ok_or_else(|| Error::Protocol {
                url: answer.url.clone(),
                detail: "no ETag for the item".into(),
            })?,
        };
        Ok(Item {
            href,
            etag,
            body: answer.body,
        })
    }

    // -----------------------------------------------------------------------
    // Writing

    /// Uploads `body` to `href` under `write`'s condition and returns the new
    /// ETag (asked for separately when the PUT answer has none; `None` when
    /// the server does not give one at all).
    pub fn put(
        &self,
        href: &str,
        body: &str,
        content_type: &str,
        write: Write,
    ) -> Result<Option<String>> {
        let href = url::normalize_path(href);
        let condition = match write {
            Write::Create => ("If-None-Match", "*"),
            Write::Replace(etag) => ("If-Match", etag),
        };
        let answer = self.send(
            "PUT",
            &href,
            &[("Content-Type", content_type), condition],
            Some(body),
        )?;
        if !(200..300).contains(&answer.status) {
            return Err(status_error(&answer));
        }
        match answer.etag {
            Some(etag) => Ok(Some(etag)),
            None => self.etag_of(&href),
        }
    }

    /// Deletes `href`, only if it still has `etag` (when given).
    pub fn delete(&self, href: &str, etag: Option<&str>) -> Result<()> {
        let href = url::normalize_path(href);
        let headers: Vec<(&str, &str)> = etag.map(|e| ("If-Match", e)).into_iter().collect();
        let answer = self.send("DELETE", &href, &headers, None)?;
        if (200..300).contains(&answer.status) {
            Ok(())
        } else {
            Err(status_error(&answer))
        }
    }

    // -----------------------------------------------------------------------
    // Plumbing

    fn etag_of(&self, href: &str) -> Result<Option<String>> {
        let body = xml::propfind(&[(DAV, "getetag")]);
        let ms = self.propfind(href, "0", &body)?;
        Ok(ms
            .responses
            .iter()
            .find_map(|r| r.prop_text(DAV, "getetag")))
    }

    fn propfind(&self, path: &str, depth: &str, body: &str) -> Result<xml::Multistatus> {
        let answer = self.send("PROPFIND", path, &[("Depth", depth)], Some(body))?;
        self.multistatus(&answer)
    }

    fn multistatus(&self, answer: &Answer) -> Result<xml::Multistatus> {
        if answer.status != 207 {
            return Err(status_error(answer));
        }
        xml::parse_multistatus(&answer.body).map_err(|detail| Error::Protocol {
            url: answer.url.clone(),
            detail,
        })
    }

    /// A server href as a canonical path on our origin; another origin is an
    /// error (the client never follows the password elsewhere).
    fn path_of(&self, href: &str) -> Result<String> {
        url::href_path(&self.base, href).ok_or_else(|| Error::Protocol {
            url: self.base.origin(),
            detail: format!("the server points to another host: {href}"),
        })
    }

    /// Sends a request; a 423 Locked (Xandikos while another write to the
    /// collection commits: two of a sync's pushes at once) is sent again
    /// after a short wait, a few times: nothing was written. So is a DELETE
    /// answered 500 (Xandikos 0.4 answers a locked DELETE so): a repeat of
    /// one that did land answers 404, which counts as deleted.
    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Answer> {
        let mut answer = self.send_once(method, path, headers, body)?;
        for wait in [50, 200, 800] {
            let locked = answer.status == 423 || (answer.status == 500 && method == "DELETE");
            if !locked {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(wait));
            answer = self.send_once(method, path, headers, body)?;
        }
        Ok(answer)
    }

    fn send_once(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<Answer> {
        let url = self.base.join(path);
        let protocol = |detail: String| Error::Protocol {
            url: url.clone(),
            detail,
        };
        let method =
            http::Method::from_bytes(method.as_bytes()).map_err(|e| protocol(e.to_string()))?;
        let mut request = http::Request::builder()
            .method(method)
            .uri(&url)
            .header("Authorization", &self.auth);
        if body.is_some()
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            request = request.header("Content-Type", "application/xml; charset=utf-8");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let result = match body {
            Some(body) => self.agent.run(
                request
                    .body(body.to_string())
                    .map_err(|e| protocol(e.to_string()))?,
            ),
            None => self
                .agent
                .run(request.body(()).map_err(|e| protocol(e.to_string()))?),
        };
        let mut response = result.map_err(|source| network_error(&url, source))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let location = header("location");
        let etag = header("etag");
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(|source| Error::Network {
                url: url.clone(),
                source,
            })?;
        Ok(Answer {
            status,
            url,
            location,
            etag,
            body,
        })
    }
}

fn network_error(url: &str, source: ureq::Error) -> Error {
    let certificate = match &source {
        ureq::Error::Rustls(_) => true,
        ureq::Error::Io(io) => {
            io.kind() == std::io::ErrorKind::InvalidData && io.to_string().contains("certificate")
        }
        _ => false,
    };
    if certificate {
        let detail = match &source {
            ureq::Error::Io(io) => io.to_string(),
            other => other.to_string(),
        };
        return Error::Certificate {
            url: url.to_string(),
            detail,
        };
    }
    Error::Network {
        url: url.to_string(),
        source,
    }
}

/// Collections are addressed with a trailing slash (Radicale redirects or
/// 404s without it for some methods).
fn collection_path(href: &str) -> String {
    let path = url::normalize_path(href);
    if path.ends_with('/') {
        path
    } else {
        format!("{path}/")
    }
}

/// Whether a sync REPORT's answer means "this token is no good": the
/// `DAV:valid-sync-token` precondition, or the statuses servers use for it.
fn rejects_token(answer: &Answer) -> bool {
    if answer.status == 207 {
        return false;
    }
    let named = xml::error_conditions(&answer.body)
        .iter()
        .any(|(ns, name, _)| ns == DAV && name == "valid-sync-token");
    named || matches!(answer.status, 403 | 409 | 410) && !answer.body.contains("need-privileges")
}

fn read_ca_file(path: &Path) -> Result<Vec<Certificate<'static>>> {
    let err = |message: String| Error::CaFile {
        path: path.display().to_string(),
        message,
    };
    let pem = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        if let PemItem::Certificate(cert) = item.map_err(|e| err(e.to_string()))? {
            certs.push(cert);
        }
    }
    if certs.is_empty() {
        return Err(err("no certificate in the file (expected PEM)".into()));
    }
    Ok(certs)
}

/// The typed error for a non-success answer.
fn status_error(answer: &Answer) -> Error {
    let url = answer.url.clone();
    let conditions = xml::error_conditions(&answer.body);
    let uid_conflict = conditions
        .iter()
        .find(|(ns, name, _)| (ns == CARDDAV || ns == CALDAV) && name == "no-uid-conflict");
    if let Some((_, _, existing)) = uid_conflict {
        return Error::Conflict {
            url,
            existing: existing.clone(),
        };
    }
    if matches!(answer.status, 403 | 409 | 415) {
        let refusal = conditions
            .iter()
            .find(|(_, name, _)| name != "need-privileges");
        if let Some((_, condition, _)) = refusal {
            return Error::Rejected {
                url,
                condition: condition.clone(),
            };
        }
    }
    match answer.status {
        401 => Error::Unauthorized { url },
        403 => Error::Forbidden { url },
        404 | 410 => Error::NotFound { url },
        409 => Error::Conflict {
            url,
            existing: None,
        },
        412 => Error::PreconditionFailed { url },
        status => Error::Status {
            url,
            status,
            detail: short(&answer.body),
        },
    }
}

/// The first line of an error body, cut short: enough to say what the
/// server meant without dumping a page.
fn short(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("<?xml"))
        .unwrap_or("");
    let mut out: String = line.chars().take(200).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_to_this_machine() {
        for ok in [
            "http://127.0.0.1:5232/",
            "http://localhost:5232/",
            "http://[::1]:5232/",
            "https://dav.example.org/",
        ] {
            assert!(Client::new(ok, "anna", "pw", None).is_ok(), "{ok}");
        }
        for bad in [
            "http://dav.example.org/",
            "http://192.168.1.5/",
            "http://127.0.0.1.example.org/",
        ] {
            let err = Client::new(bad, "anna", "pw", None).err().unwrap();
            assert!(matches!(err, Error::InsecureUrl { .. }), "{bad}: {err}");
            assert!(err.to_string().contains("use https://"), "{err}");
        }
        assert!(matches!(
            Client::new("dav.example.org", "a", "b", None)
                .err()
                .unwrap(),
            Error::BadUrl(_)
        ));
    }

    #[test]
    fn a_ca_file_must_hold_a_certificate() {
        let dir = std::env::temp_dir().join(format!("net-dav-ca-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("ca.pem");
        std::fs::write(&file, "not a certificate").unwrap();
        let err = Client::new("https://x/", "a", "b", Some(&file))
            .err()
            .unwrap();
        assert!(matches!(err, Error::CaFile { .. }), "{err}");
        let missing = dir.join("missing.pem");
        let err = Client::new("https://x/", "a", "b", Some(&missing))
            .err()
            .unwrap();
        assert!(err.to_string().contains("missing.pem"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn new_hrefs_are_uuids_in_the_collection() {
        let href = Client::new_href("/anna/net", "vcf").unwrap();
        assert!(href.starts_with("/anna/net/"), "{href}");
        assert!(href.ends_with(".vcf"));
        assert_eq!(href.len(), "/anna/net/".len() + 36 + 4);
        assert_ne!(href, Client::new_href("/anna/net/", "vcf").unwrap());
    }

    fn answer(status: u16, body: &str) -> Answer {
        Answer {
            status,
            url: "http://127.0.0.1/x".into(),
            location: None,
            etag: None,
            body: body.into(),
        }
    }

    #[test]
    fn statuses_become_typed_errors() {
        assert!(matches!(
            status_error(&answer(401, "")),
            Error::Unauthorized { .. }
        ));
        assert!(matches!(
            status_error(&answer(412, "")),
            Error::PreconditionFailed { .. }
        ));
        assert!(matches!(
            status_error(&answer(409, "")),
            Error::Conflict { existing: None, .. }
        ));
        assert!(matches!(
            status_error(&answer(404, "")),
            Error::NotFound { .. }
        ));
        let xandikos = r#"<ns0:error xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns1:no-uid-conflict><ns0:href>/u/c/a.ics</ns0:href></ns1:no-uid-conflict></ns0:error>"#;
        match status_error(&answer(412, xandikos)) {
            Error::Conflict { existing, .. } => assert_eq!(existing.as_deref(), Some("/u/c/a.ics")),
            other => panic!("{other:?}"),
        }
        let component = r#"<ns0:error xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav"><ns1:supported-calendar-component /></ns0:error>"#;
        match status_error(&answer(403, component)) {
            Error::Rejected { condition, .. } => {
                assert_eq!(condition, "supported-calendar-component")
            }
            other => panic!("{other:?}"),
        }
        let privileges = r#"<D:error xmlns:D="DAV:"><D:need-privileges/></D:error>"#;
        assert!(matches!(
            status_error(&answer(403, privileges)),
            Error::Forbidden { .. }
        ));
        let err = status_error(&answer(500, "<html>\n  Internal trouble\n</html>"));
        assert!(err.to_string().contains("http://127.0.0.1/x"), "{err}");
        assert!(err.to_string().contains("500"), "{err}");
    }

    #[test]
    fn rejected_sync_tokens_are_recognised() {
        let named = r#"<D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>"#;
        assert!(rejects_token(&answer(403, named)));
        assert!(rejects_token(&answer(400, named)));
        // Xandikos says it with 412, Radicale with 403.
        assert!(rejects_token(&answer(412, named)));
        assert!(rejects_token(&answer(409, "")));
        assert!(rejects_token(&answer(410, "")));
        assert!(!rejects_token(&answer(207, named)));
        assert!(!rejects_token(&answer(401, "")));
        assert!(!rejects_token(&answer(
            403,
            r#"<D:error xmlns:D="DAV:"><D:need-privileges/></D:error>"#
        )));
    }

    #[test]
    fn error_bodies_are_cut_short() {
        assert_eq!(
            short("<?xml version='1.0'?>\n\nNo such thing"),
            "No such thing"
        );
        let long = "x".repeat(500);
        assert_eq!(short(&long).chars().count(), 201);
    }
}
