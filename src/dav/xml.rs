//! The XML half of the DAV client: request bodies out, multistatus answers in.
//! Pure: strings in, values out. Names are matched by namespace URI, never by
//! prefix (Xandikos writes `ns0:`, Radicale a default namespace).

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

pub const DAV: &str = "DAV:";
pub const CARDDAV: &str = "urn:ietf:params:xml:ns:carddav";
pub const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
pub const CALSERVER: &str = "http://calendarserver.org/ns/";

/// Deeper than any DAV answer; a bound so a hostile body cannot exhaust memory
/// through nesting alone.
const MAX_DEPTH: usize = 64;

/// One element of a parsed document: its namespace URI, local name, text
/// (entities resolved) and children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    pub ns: String,
    pub name: String,
    pub text: String,
    /// Attributes by local name (values unescaped); DAV only uses `name`.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The first child named `ns:name`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    /// Every child named `ns:name`.
    pub fn children_named<'a>(
        &'a self,
        ns: &'a str,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    /// Whether `ns:name` occurs anywhere below this element.
    pub fn contains(&self, ns: &str, name: &str) -> bool {
        self.children
            .iter()
            .any(|c| c.is(ns, name) || c.contains(ns, name))
    }

    /// The first element named `ns:name` anywhere below this one (depth first).
    pub fn find(&self, ns: &str, name: &str) -> Option<&Element> {
        for c in &self.children {
            if c.is(ns, name) {
                return Some(c);
            }
            if let Some(found) = c.find(ns, name) {
                return Some(found);
            }
        }
        None
    }
}

/// Parses a whole document into its root element. Malformed XML, an unknown
/// prefix or a document without a root is an error, never a panic.
pub fn parse(text: &str) -> Result<Element, String> {
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let position = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("after byte {position}: {e}"))?;
        let ns = match ns {
            ResolveResult::Bound(ns) => str_of(ns.as_ref()),
            ResolveResult::Unbound => String::new(),
            ResolveResult::Unknown(prefix) => {
                return Err(format!("unknown namespace prefix {prefix:?}"));
            }
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err("content after the root element".into());
            }
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err("elements nested too deeply".into());
                }
                stack.push(element_of(ns, &start)?);
            }
            Event::Empty(start) => {
                let element = element_of(ns, &start)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("an end tag without a start")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            }
            Event::Text(text) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&text.into_inner());
                }
            }
            Event::CData(data) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&data.into_inner());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&reference)
                        .ok_or_else(|| format!("unknown entity &{};", &*reference))?
                        .to_string(),
                    Err(e) => return Err(format!("bad character reference: {e}")),
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err("the document ends inside an element".into());
    }
    root.ok_or_else(|| "no root element".into())
}

fn str_of(name: &str) -> String {
    name.to_string()
}

fn element_of(ns: String, start: &quick_xml::events::BytesStart) -> Result<Element, String> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| format!("bad attribute: {e}"))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| format!("bad attribute value: {e}"))?;
        attrs.push((str_of(attr.key.local_name().as_ref()), value.into_owned()));
    }
    Ok(Element {
        ns,
        name: str_of(start.local_name().as_ref()),
        attrs,
        ..Element::default()
    })
}

/// Escapes text for an element's content.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

// ---------------------------------------------------------------------------
// Multistatus

/// One `DAV:response` of a multistatus answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub href: String,
    /// The response-level status (`404` for a removed member in a sync report).
    pub status: Option<u16>,
    /// The properties that came back with a 2xx propstat.
    pub props: Vec<Element>,
}

impl Response {
    pub fn prop(&self, ns: &str, name: &str) -> Option<&Element> {
        self.props.iter().find(|p| p.is(ns, name))
    }

    /// A property's trimmed text, when it came back and is not empty.
    pub fn prop_text(&self, ns: &str, name: &str) -> Option<String> {
        self.prop(ns, name)
            .map(|p| p.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// The first `DAV:href` inside a property (current-user-principal, home sets).
    pub fn prop_href(&self, ns: &str, name: &str) -> Option<String> {
        self.prop(ns, name)
            .and_then(|p| p.child(DAV, "href"))
            .map(|h| h.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }
}

/// A parsed `DAV:multistatus`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Multistatus {
    pub responses: Vec<Response>,
    /// The top-level `DAV:sync-token` of a sync-collection answer.
    pub sync_token: Option<String>,
}

/// `HTTP/1.1 207 Multi-Status` → 207.
pub fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn parse_multistatus(text: &str) -> Result<Multistatus, String> {
    let root = parse(text)?;
    if !root.is(DAV, "multistatus") {
        return Err(format!(
            "expected a DAV:multistatus, got {{{}}}{}",
            root.ns, root.name
        ));
    }
    let mut out = Multistatus {
        sync_token: root
            .child(DAV, "sync-token")
            .map(|t| t.text.trim().to_string())
            .filter(|t| !t.is_empty()),
        ..Multistatus::default()
    };
    for response in root.children_named(DAV, "response") {
        let Some(href) = response.child(DAV, "href") else {
            return Err("a DAV:response without a DAV:href".into());
        };
        let mut parsed = Response {
            href: href.text.trim().to_string(),
            status: response
                .child(DAV, "status")
                .and_then(|s| status_code(&s.text)),
            props: Vec::new(),
        };
        for propstat in response.children_named(DAV, "propstat") {
            let ok = propstat
                .child(DAV, "status")
                .and_then(|s| status_code(&s.text))
                .is_some_and(|code| (200..300).contains(&code));
            if !ok {
                continue;
            }
            if let Some(prop) = propstat.child(DAV, "prop") {
                parsed.props.extend(prop.children.iter().cloned());
            }
        }
        out.responses.push(parsed);
    }
    Ok(out)
}

/// The names of the `DAV:error` preconditions in an error body
/// (`valid-sync-token`, `no-uid-conflict`, …), with the first href inside
/// each. An unparsable body yields nothing.
pub fn error_conditions(text: &str) -> Vec<(String, String, Option<String>)> {
    let Ok(root) = parse(text) else {
        return Vec::new();
    };
    if !root.is(DAV, "error") {
        return Vec::new();
    }
    root.children
        .iter()
        .map(|c| {
            let href = c
                .find(DAV, "href")
                .map(|h| h.text.trim().to_string())
                .filter(|h| !h.is_empty());
            (c.ns.clone(), c.name.clone(), href)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Request bodies

const HEAD: &str = r#"<?xml version="1.0" encoding="utf-8"?>"#;

/// `PROPFIND` asking for `props`, each given as (namespace, local name).
pub fn propfind(props: &[(&str, &str)]) -> String {
    let mut prefixes = Vec::new();
    let mut body = String::new();
    for (ns, name) in props {
        let prefix = prefix_for(ns, &mut prefixes);
        body.push_str(&format!("<{prefix}:{name}/>"));
    }
    format!(
        "{HEAD}<d:propfind {}><d:prop>{body}</d:prop></d:propfind>",
        declarations(&prefixes)
    )
}

/// Which kind of collection a request is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    AddressBook,
    Calendar,
}

/// `addressbook-multiget` / `calendar-multiget` for `hrefs`, asking for the
/// ETag and the whole item.
pub fn multiget(kind: Kind, hrefs: &[&str]) -> String {
    let (ns, report, data) = match kind {
        Kind::AddressBook => (CARDDAV, "addressbook-multiget", "address-data"),
        Kind::Calendar => (CALDAV, "calendar-multiget", "calendar-data"),
    };
    let mut body = format!(
        "{HEAD}<c:{report} xmlns:d=\"DAV:\" xmlns:c=\"{ns}\"><d:prop><d:getetag/><c:{data}/></d:prop>"
    );
    for href in hrefs {
        body.push_str(&format!("<d:href>{}</d:href>", escape(href)));
    }
    body.push_str(&format!("</c:{report}>"));
    body
}

/// RFC 6578 `sync-collection` from `token` (none: the initial sync).
pub fn sync_collection(token: Option<&str>) -> String {
    let token = match token {
        Some(t) => format!("<d:sync-token>{}</d:sync-token>", escape(t)),
        None => "<d:sync-token/>".into(),
    };
    format!(
        "{HEAD}<d:sync-collection xmlns:d=\"DAV:\">{token}<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"
    )
}

/// Extended MKCOL (RFC 5689) for an address book.
pub fn mkcol_addressbook(display_name: &str) -> String {
    format!(
        "{HEAD}<d:mkcol xmlns:d=\"DAV:\" xmlns:c=\"{CARDDAV}\"><d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype><d:displayname>{}</d:displayname></d:prop></d:set></d:mkcol>",
        escape(display_name)
    )
}

/// MKCALENDAR (RFC 4791) holding `components` (`VEVENT`, `VTODO`, `VJOURNAL`).
pub fn mkcalendar(display_name: &str, components: &[&str]) -> String {
    let comps: String = components
        .iter()
        .map(|c| format!("<c:comp name=\"{}\"/>", escape(c)))
        .collect();
    format!(
        "{HEAD}<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"{CALDAV}\"><d:set><d:prop><d:displayname>{}</d:displayname><c:supported-calendar-component-set>{comps}</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>",
        escape(display_name)
    )
}

fn prefix_for(ns: &str, prefixes: &mut Vec<(String, String)>) -> String {
    if let Some((_, p)) = prefixes.iter().find(|(n, _)| n == ns) {
        return p.clone();
    }
    let p = match ns {
        DAV => "d".to_string(),
        CARDDAV => "card".to_string(),
        CALDAV => "cal".to_string(),
        CALSERVER => "cs".to_string(),
        _ => format!("x{}", prefixes.len()),
    };
    prefixes.push((ns.to_string(), p.clone()));
    p
}

fn declarations(prefixes: &[(String, String)]) -> String {
    let mut out = String::from("xmlns:d=\"DAV:\"");
    for (ns, p) in prefixes {
        if p != "d" {
            out.push_str(&format!(" xmlns:{p}=\"{}\"", escape(ns)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Xandikos answers: every name behind an `ns0:`-style prefix.
    const XANDIKOS_PROPFIND: &str = r#"<?xml version='1.0' encoding='utf-8'?>
<ns0:multistatus xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:caldav" xmlns:ns2="http://calendarserver.org/ns/"><ns0:response><ns0:href>/user/calendars/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection /></ns0:resourcetype></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/user/calendars/log/</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:resourcetype><ns0:collection /><ns1:calendar /></ns0:resourcetype><ns0:displayname>net log</ns0:displayname><ns1:supported-calendar-component-set><ns1:comp name="VJOURNAL" /></ns1:supported-calendar-component-set><ns0:sync-token>http://xandikos/a1b2</ns0:sync-token><ns2:getctag>a1b2</ns2:getctag></ns0:prop></ns0:propstat><ns0:propstat><ns0:status>HTTP/1.1 404 Not Found</ns0:status><ns0:prop><ns0:getetag /></ns0:prop></ns0:propstat></ns0:response></ns0:multistatus>"#;

    #[test]
    fn prefixed_names_resolve_by_namespace() {
        let ms = parse_multistatus(XANDIKOS_PROPFIND).unwrap();
        assert_eq!(ms.responses.len(), 2);
        let log = &ms.responses[1];
        assert_eq!(log.href, "/user/calendars/log/");
        assert_eq!(
            log.prop_text(DAV, "displayname").as_deref(),
            Some("net log")
        );
        assert!(log
            .prop(DAV, "resourcetype")
            .unwrap()
            .child(CALDAV, "calendar")
            .is_some());
        assert_eq!(
            log.prop_text(DAV, "sync-token").as_deref(),
            Some("http://xandikos/a1b2")
        );
        assert_eq!(log.prop_text(CALSERVER, "getctag").as_deref(), Some("a1b2"));
        // The 404 propstat is not a property that came back.
        assert!(log.prop(DAV, "getetag").is_none());
    }

    #[test]
    fn a_prefix_bound_to_another_namespace_does_not_match() {
        let text = r#"<d:multistatus xmlns:d="DAV:" xmlns:x="urn:other"><d:response><d:href>/a</d:href><d:propstat><d:status>HTTP/1.1 200 OK</d:status><d:prop><x:displayname>no</x:displayname></d:prop></d:propstat></d:response></d:multistatus>"#;
        let ms = parse_multistatus(text).unwrap();
        assert_eq!(ms.responses[0].prop_text(DAV, "displayname"), None);
        assert_eq!(
            ms.responses[0]
                .prop_text("urn:other", "displayname")
                .as_deref(),
            Some("no")
        );
    }

    #[test]
    fn default_namespace_and_entities_in_address_data() {
        // Radicale's style: a default namespace and `&#13;` for the CR of CRLF.
        let text = "<?xml version='1.0' encoding='utf-8'?>\n<multistatus xmlns=\"DAV:\" xmlns:CR=\"urn:ietf:params:xml:ns:carddav\"><response><href>/anna/net/a%40b.vcf</href><propstat><prop><getetag>\"e1\"</getetag><CR:address-data>BEGIN:VCARD&#13;\nFN:Ana &amp; Bo &lt;x&gt;&#13;\nEND:VCARD&#13;\n</CR:address-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>";
        let ms = parse_multistatus(text).unwrap();
        let r = &ms.responses[0];
        assert_eq!(r.href, "/anna/net/a%40b.vcf");
        assert_eq!(r.prop_text(DAV, "getetag").as_deref(), Some("\"e1\""));
        assert_eq!(
            r.prop(CARDDAV, "address-data").unwrap().text,
            "BEGIN:VCARD\r\nFN:Ana & Bo <x>\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn sync_answer_with_removed_member_and_token() {
        let text = r#"<ns0:multistatus xmlns:ns0="DAV:"><ns0:response><ns0:href>/u/c/new.vcf</ns0:href><ns0:propstat><ns0:status>HTTP/1.1 200 OK</ns0:status><ns0:prop><ns0:getetag>"2"</ns0:getetag></ns0:prop></ns0:propstat></ns0:response><ns0:response><ns0:href>/u/c/gone.vcf</ns0:href><ns0:status>HTTP/1.1 404 Not Found</ns0:status></ns0:response><ns0:sync-token>tok-9</ns0:sync-token></ns0:multistatus>"#;
        let ms = parse_multistatus(text).unwrap();
        assert_eq!(ms.sync_token.as_deref(), Some("tok-9"));
        assert_eq!(ms.responses[0].status, None);
        assert_eq!(ms.responses[1].status, Some(404));
        assert_eq!(ms.responses[1].href, "/u/c/gone.vcf");
    }

    #[test]
    fn principal_and_home_set_hrefs() {
        let text = r#"<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><current-user-principal><href>/anna/</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        let ms = parse_multistatus(text).unwrap();
        assert_eq!(
            ms.responses[0]
                .prop_href(DAV, "current-user-principal")
                .as_deref(),
            Some("/anna/")
        );
    }

    #[test]
    fn malformed_documents_are_errors_not_panics() {
        for bad in [
            "",
            "not xml",
            "<a:multistatus xmlns:b=\"DAV:\"></a:multistatus>",
            "<multistatus xmlns=\"DAV:\"><response>",
            "<multistatus xmlns=\"DAV:\"></response>",
            "<multistatus xmlns=\"DAV:\"><response><href>&bogus;</href></response></multistatus>",
            "<multistatus xmlns=\"DAV:\"/><second/>",
            "<multistatus xmlns=\"DAV:\"><response><status>HTTP/1.1 200 OK</status></response></multistatus>",
            "<error xmlns=\"DAV:\"/>",
        ] {
            assert!(parse_multistatus(bad).is_err(), "accepted {bad:?}");
        }
        let deep = "<a>".repeat(1000) + &"</a>".repeat(1000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn error_preconditions_are_named_by_namespace() {
        let text = r#"<?xml version="1.0"?><ns0:error xmlns:ns0="DAV:" xmlns:ns1="urn:ietf:params:xml:ns:carddav"><ns1:no-uid-conflict><ns0:href>/u/c/other.vcf</ns0:href></ns1:no-uid-conflict></ns0:error>"#;
        assert_eq!(
            error_conditions(text),
            vec![(
                CARDDAV.to_string(),
                "no-uid-conflict".to_string(),
                Some("/u/c/other.vcf".to_string())
            )]
        );
        assert!(error_conditions("<html>nope</html>").is_empty());
        assert!(error_conditions("garbage <").is_empty());
    }

    #[test]
    fn request_bodies_parse_back_with_the_right_names() {
        let body = propfind(&[
            (DAV, "displayname"),
            (CALDAV, "calendar-home-set"),
            (CALSERVER, "getctag"),
        ]);
        let root = parse(&body).unwrap();
        assert!(root.is(DAV, "propfind"));
        let prop = root.child(DAV, "prop").unwrap();
        assert!(prop.child(DAV, "displayname").is_some());
        assert!(prop.child(CALDAV, "calendar-home-set").is_some());
        assert!(prop.child(CALSERVER, "getctag").is_some());

        let body = multiget(Kind::AddressBook, &["/a/b&c.vcf"]);
        let root = parse(&body).unwrap();
        assert!(root.is(CARDDAV, "addressbook-multiget"));
        assert_eq!(root.child(DAV, "href").unwrap().text, "/a/b&c.vcf");
        assert!(root
            .child(DAV, "prop")
            .unwrap()
            .child(CARDDAV, "address-data")
            .is_some());
        let root = parse(&multiget(Kind::Calendar, &[])).unwrap();
        assert!(root.is(CALDAV, "calendar-multiget"));

        let root = parse(&sync_collection(Some("a<b"))).unwrap();
        assert_eq!(root.child(DAV, "sync-token").unwrap().text, "a<b");
        let root = parse(&sync_collection(None)).unwrap();
        assert_eq!(root.child(DAV, "sync-token").unwrap().text, "");

        let root = parse(&mkcol_addressbook("net & co")).unwrap();
        let prop = root.find(DAV, "prop").unwrap();
        assert_eq!(prop.child(DAV, "displayname").unwrap().text, "net & co");
        assert!(prop
            .child(DAV, "resourcetype")
            .unwrap()
            .child(CARDDAV, "addressbook")
            .is_some());

        let body = mkcalendar("net log", &["VJOURNAL"]);
        let root = parse(&body).unwrap();
        assert!(root.is(CALDAV, "mkcalendar"));
        assert!(root.contains(CALDAV, "supported-calendar-component-set"));
        let set = root
            .find(CALDAV, "supported-calendar-component-set")
            .unwrap();
        assert_eq!(
            set.child(CALDAV, "comp").unwrap().attr("name"),
            Some("VJOURNAL")
        );
    }
}
