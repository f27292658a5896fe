//! The few URL chores the client needs, without a URL crate: split a base URL,
//! tell loopback hosts apart, resolve hrefs, percent-encode, Basic auth and
//! random resource names. Pure except [`new_uuid`], which asks the OS for
//! random bytes.

use std::net::{Ipv4Addr, Ipv6Addr};

/// `https://host:port/path` taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// `host[:port]` as written (`[::1]:5232` for IPv6).
    pub authority: String,
    /// The host without port or brackets, lower-cased.
    pub host: String,
    /// The path, starting with `/`.
    pub path: String,
}

impl Url {
    pub fn parse(text: &str) -> Result<Url, String> {
        let (scheme, rest) = text
            .split_once("://")
            .ok_or_else(|| format!("{text:?} is not a URL (no scheme://)"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(format!("{text:?}: only http and https URLs"));
        }
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if authority.is_empty() {
            return Err(format!("{text:?} has no host"));
        }
        if authority.contains('@') {
            return Err(format!(
                "{text:?}: put the user in the settings, not in the URL"
            ));
        }
        let host = if let Some(inner) = authority.strip_prefix('[') {
            inner
                .split_once(']')
                .map(|(h, _)| h)
                .ok_or_else(|| format!("{text:?}: unclosed [ in the host"))?
        } else {
            authority.split(':').next().unwrap_or(authority)
        };
        let path = path.split('#').next().unwrap_or("/");
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        Ok(Url {
            scheme,
            authority: authority.to_ascii_lowercase(),
            host: host.to_ascii_lowercase(),
            path,
        })
    }

    /// `scheme://authority`, no trailing slash.
    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }

    /// The absolute URL of `href` (a path, a full URL, or relative to this
    /// URL's path).
    pub fn join(&self, href: &str) -> String {
        if href.starts_with("http://") || href.starts_with("https://") {
            return href.to_string();
        }
        if href.starts_with('/') {
            return format!("{}{}", self.origin(), href);
        }
        let dir = match self.path.rfind('/') {
            Some(i) => &self.path[..=i],
            None => "/",
        };
        format!("{}{}{}", self.origin(), dir, href)
    }
}

/// Whether `host` (no brackets, no port) is this machine: `localhost`,
/// 127.0.0.0/8 or ::1.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return v4.is_loopback();
    }
    if let Ok(v6) = host.parse::<Ipv6Addr>() {
        return v6.is_loopback();
    }
    false
}

/// The path of `href` when it is on `base`'s origin: servers may answer with
/// full URLs, paths, or different percent-encodings of the same path; the
/// caller always gets [`normalize_path`]ed paths. `None` for another origin.
pub fn href_path(base: &Url, href: &str) -> Option<String> {
    let href = href.trim();
    if href.starts_with("http://") || href.starts_with("https://") {
        let url = Url::parse(href).ok()?;
        if url.origin() != base.origin() {
            return None;
        }
        return Some(normalize_path(&url.path));
    }
    Some(normalize_path(&Url::parse(&base.join(href)).ok()?.path))
}

/// Decodes then re-encodes a path so two spellings of one resource compare
/// equal: `/a%40b/` and `/a@b/` both become `/a%40b/`.
pub fn normalize_path(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .map(|segment| encode_segment(&percent_decode(segment)))
        .collect::<Vec<_>>()
        .join("/")
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved
/// characters.
pub fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX`; a malformed escape stays as written; bytes that are not
/// UTF-8 are replaced.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = [bytes[i + 1], bytes[i + 2]];
            let hex = std::str::from_utf8(&hex).unwrap_or("00");
            out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `Basic base64(user:password)`.
pub fn basic_auth(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

fn base64(input: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(TABLE[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A random (version 4) UUID, lower-case with hyphens.
pub fn new_uuid() -> Result<String, String> {
    Ok(format_uuid(random_16()?))
}

/// 16 random bytes. They are asked of the OS 4 KiB at a time: an import
/// makes a million UUIDs, and one system call each cost about a second.
fn random_16() -> Result<[u8; 16], String> {
    use std::cell::RefCell;
    const POOL: usize = 4096;
    thread_local! {
        static RANDOM: RefCell<(Box<[u8; POOL]>, usize)> = RefCell::new((Box::new([0; POOL]), POOL));
    }
    RANDOM.with(|pool| {
        let (bytes, used) = &mut *pool.borrow_mut();
        if *used + 16 > POOL {
            getrandom::getrandom(&mut bytes[..])
                .map_err(|e| format!("no random numbers from the OS: {e}"))?;
            *used = 0;
        }
        let mut out = [0u8; 16];
        out.copy_from_slice(&bytes[*used..*used + 16]);
        // Used bytes are not kept.
        bytes[*used..*used + 16].fill(0);
        *used += 16;
        Ok(out)
    })
}

fn format_uuid(mut bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (n, b) in bytes.iter().enumerate() {
        if matches!(n, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_scheme_host_and_path() {
        let u = Url::parse("https://DAV.example.org:8443/dav/anna").unwrap();
        assert_eq!(u.scheme, "https");
        assert_eq!(u.authority, "dav.example.org:8443");
        assert_eq!(u.host, "dav.example.org");
        assert_eq!(u.path, "/dav/anna");
        let u = Url::parse("http://[::1]:5232").unwrap();
        assert_eq!(u.host, "::1");
        assert_eq!(u.path, "/");
        assert!(Url::parse("ftp://x/").is_err());
        assert!(Url::parse("dav.example.org").is_err());
        assert!(Url::parse("https://anna:pw@dav.example.org/").is_err());
        assert!(Url::parse("https:///x").is_err());
    }

    #[test]
    fn loopback_hosts() {
        for h in ["localhost", "LOCALHOST", "127.0.0.1", "127.5.6.7", "::1"] {
            assert!(is_loopback(h), "{h}");
        }
        for h in [
            "10.0.0.1",
            "192.168.1.1",
            "example.org",
            "128.0.0.1",
            "::2",
            "localhost.example.org",
        ] {
            assert!(!is_loopback(h), "{h}");
        }
    }

    #[test]
    fn hrefs_resolve_against_the_base() {
        let base = Url::parse("http://127.0.0.1:5232/anna/").unwrap();
        assert_eq!(base.join("/bob/"), "http://127.0.0.1:5232/bob/");
        assert_eq!(base.join("net/"), "http://127.0.0.1:5232/anna/net/");
        assert_eq!(base.join("https://x/y"), "https://x/y");
        assert_eq!(
            href_path(&base, "http://127.0.0.1:5232/a%40b/").as_deref(),
            Some("/a%40b/")
        );
        assert_eq!(
            href_path(&base, "/a@b/c d.vcf").as_deref(),
            Some("/a%40b/c%20d.vcf")
        );
        assert_eq!(href_path(&base, "https://elsewhere/a/"), None);
    }

    #[test]
    fn percent_encoding_round_trips() {
        assert_eq!(encode_segment("a@b/c"), "a%40b%2Fc");
        assert_eq!(percent_decode("a%40b%2Fc"), "a@b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%+f"), "%+f");
        assert_eq!(normalize_path("/x/%7euser/"), "/x/~user/");
    }

    #[test]
    fn basic_auth_is_rfc_7617() {
        // The example of RFC 7617.
        assert_eq!(
            basic_auth("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }

    #[test]
    fn uuids_are_version_4() {
        assert_eq!(
            format_uuid([0xff; 16]),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        let a = new_uuid().unwrap();
        let b = new_uuid().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
    }
}
