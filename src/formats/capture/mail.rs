//! The headers of the mail in a Maildir or an mbox file, for
//! `net capture mail`. Bodies are never read into memory: a Maildir file is
//! read up to the blank line that ends its header, an mbox file is streamed
//! line by line (a line is kept up to [`LINE_CAP`] bytes, a header up to
//! [`HEADER_CAP`]), so memory stays bounded whatever the size of the mail.
//! The header block is parsed by `mail-parser` (RFC 2047 words decoded).
//!
//! Scanning again reads only new mail:
//! - Maildir: every folder (the root and its subfolders, Maildir++ `.Sent` or
//!   nested `Sent/`) is listed; a file is new when `seen(folder, key)` says
//!   so, where `key` is the file name up to its `:2,FLAGS` (flags change when
//!   a mail is read, the key does not; a mail moving from new/ to cur/ keeps
//!   it). The store keeps the (folder, key) pairs of the files read.
//! - mbox: [`MboxMarker`] is where the last scan ended. When the file still
//!   has a message starting there, the scan goes on from it; when the file
//!   was rewritten (shorter, or no "From " line there) it starts again from
//!   the top, and the store's source ids keep old mail from being proposed
//!   twice.
//!
//! Source ids: `mail:<Message-ID>` (without angle brackets, as written), or
//! `mail:hash-HEX` (FNV-1a of Date, From, To, Cc and Subject) when a message
//! has none.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use mail_parser::{HeaderValue, MessageParser};

use super::fnv64;

/// Bytes of one mbox line kept (the rest of a longer line is skipped).
pub const LINE_CAP: usize = 64 * 1024;
/// Bytes of one message's header block kept.
pub const HEADER_CAP: usize = 256 * 1024;

/// An address on a mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// Lower case.
    pub email: String,
    pub name: Option<String>,
}

/// One message's headers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub source_id: String,
    pub message_id: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    pub from: Vec<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    /// Decoded.
    pub subject: Option<String>,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    pub list_id: Option<String>,
    pub list_unsubscribe: Option<String>,
    pub precedence: Option<String>,
    pub auto_submitted: Option<String>,
    /// The folder it was found in, relative to the Maildir's root ("" for the
    /// root itself), or the mbox file's name.
    pub folder: String,
    /// The folder is a Sent folder (see [`is_sent_folder`]).
    pub sent_folder: bool,
}

impl Mail {
    /// The Message-ID the thread started with, as far as this message knows:
    /// the first of References, else In-Reply-To, else its own id.
    pub fn thread_root(&self) -> &str {
        self.references
            .first()
            .or(self.in_reply_to.first())
            .or(self.message_id.as_ref())
            .map(String::as_str)
            .unwrap_or(self.source_id.as_str())
    }

    /// To and Cc.
    pub fn recipients(&self) -> impl Iterator<Item = &Address> {
        self.to.iter().chain(self.cc.iter())
    }
}

/// Names of Sent folders in the languages of common mail programs.
const SENT_NAMES: &[&str] = &[
    "sent",
    "sent mail",
    "sent items",
    "sent messages",
    "sent-mail",
    "sentmail",
    "gesendet",
    "gesendete objekte",
    "gesendete elemente",
    "gesendete nachrichten",
    "envoyés",
    "éléments envoyés",
    "messages envoyés",
    "enviados",
    "elementos enviados",
    "posta inviata",
    "inviata",
    "inviati",
    "verzonden",
    "verzonden items",
    "skickat",
    "sendt",
    "lähetetyt",
    "wysłane",
    "odeslané",
];

/// Whether a folder is a Sent folder, by the last part of its name:
/// `.Sent`, `INBOX.Sent`, `[Gmail].Sent Mail`, `Gesendet`, `Sent Items`, ….
pub fn is_sent_folder(folder: &str) -> bool {
    let last = folder
        .trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("");
    let last = last.rsplit('.').find(|s| !s.is_empty()).unwrap_or("");
    let last = last
        .strip_suffix(".mbox")
        .unwrap_or(last)
        .trim()
        .to_lowercase();
    SENT_NAMES.contains(&last.as_str())
}

/// Reads one message's headers from its header block (the lines up to the
/// blank line; a body after it is ignored). None when nothing in it is a
/// header.
pub fn parse(block: &[u8], folder: &str, sent_folder: bool) -> Option<Mail> {
    let msg = MessageParser::new().parse_headers(block)?;
    if msg.headers().is_empty() {
        return None;
    }
    let raw = |name: &str| -> Option<String> {
        let h = msg
            .headers()
            .iter()
            .find(|h| h.name().eq_ignore_ascii_case(name))?;
        let bytes = msg
            .raw_message()
            .get(h.offset_start() as usize..h.offset_end() as usize)?;
        let s = String::from_utf8_lossy(bytes);
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    let addresses = |a: Option<&mail_parser::Address>| -> Vec<Address> {
        a.map(|a| {
            a.iter()
                .filter_map(|x| {
                    let email = x.address()?.trim().to_lowercase();
                    (!email.is_empty()).then(|| Address {
                        email,
                        name: x
                            .name()
                            .map(|n| n.trim().to_string())
                            .filter(|n| !n.is_empty()),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
    };
    let date = msg.date().and_then(|d| {
        let secs = (i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60)
            * if d.tz_before_gmt { -1 } else { 1 };
        let offset = FixedOffset::east_opt(secs)?;
        DateTime::from_timestamp(d.to_timestamp(), 0).map(|t| t.with_timezone(&offset))
    });
    let message_id = msg
        .message_id()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let from = addresses(msg.from());
    let to = addresses(msg.to());
    let cc = addresses(msg.cc());
    let subject = msg
        .subject()
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty());
    let source_id = match &message_id {
        Some(id) => format!("mail:{id}"),
        None => {
            let mut key = raw("Date").unwrap_or_default();
            for list in [&from, &to, &cc] {
                key.push('\n');
                for a in list {
                    key.push_str(&a.email);
                    key.push(',');
                }
            }
            key.push('\n');
            key.push_str(subject.as_deref().unwrap_or(""));
            format!("mail:hash-{:016x}", fnv64(key.as_bytes()))
        }
    };
    Some(Mail {
        source_id,
        message_id,
        date,
        in_reply_to: ids(msg.in_reply_to()),
        references: ids(msg.references()),
        list_id: raw("List-Id"),
        list_unsubscribe: raw("List-Unsubscribe"),
        precedence: raw("Precedence"),
        auto_submitted: raw("Auto-Submitted"),
        from,
        to,
        cc,
        subject,
        folder: folder.to_string(),
        sent_folder,
    })
}

fn ids(v: &HeaderValue<'_>) -> Vec<String> {
    let clean = |s: &Cow<'_, str>| {
        let s = s
            .trim()
            .trim_start_matches('<')
            .trim_end_matches('>')
            .trim();
        (!s.is_empty()).then(|| s.to_string())
    };
    match v {
        HeaderValue::Text(s) => clean(s).into_iter().collect(),
        HeaderValue::TextList(l) => l.iter().filter_map(clean).collect(),
        _ => Vec::new(),
    }
}

/// Reads one line into `buf` (its end included), keeping at most `cap`
/// bytes of it. Returns the bytes the line took in the input; 0 at the end.
fn read_line_capped<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, cap: usize) -> io::Result<usize> {
    let mut used = 0;
    loop {
        let available = match r.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(used);
        }
        let (take, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        buf.extend_from_slice(&available[..take.min(room)]);
        r.consume(take);
        used += take;
        if done {
            return Ok(used);
        }
    }
}

fn is_blank(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// The header block of a message file: its lines up to the blank one.
fn header_block<R: BufRead>(r: &mut R) -> io::Result<Vec<u8>> {
    let mut block = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line_capped(r, &mut line, LINE_CAP)? == 0 || is_blank(&line) {
            break;
        }
        if block.len() + line.len() <= HEADER_CAP {
            block.extend_from_slice(&line);
        }
    }
    block.extend_from_slice(b"\n");
    Ok(block)
}

/// One file of a Maildir.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailFile {
    /// The folder relative to the root ("" for the root), with `/`.
    pub folder: String,
    /// The file name up to `:2,FLAGS`: what stays when flags change.
    pub key: String,
    pub path: PathBuf,
    pub sent_folder: bool,
}

/// The part of a Maildir file name that stays when its flags change.
pub fn maildir_key(name: &str) -> &str {
    name.split_once(':')
        .or_else(|| name.split_once('!'))
        .map_or(name, |(k, _)| k)
}

/// The files of the Maildir at `root` and its subfolders (cur/ and new/; not
/// tmp/) that `seen(folder, key)` does not know, sorted by folder and name.
/// Symbolic links to directories are not followed.
pub fn list_maildir(root: &Path, seen: &dyn Fn(&str, &str) -> bool) -> io::Result<Vec<MailFile>> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, folder)) = stack.pop() {
        let sent = is_sent_folder(&folder);
        let mut subdirs = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            match name.as_str() {
                "cur" | "new" => {
                    for f in std::fs::read_dir(entry.path())? {
                        let f = f?;
                        let fname = f.file_name().to_string_lossy().into_owned();
                        if fname.starts_with('.') || f.file_type()?.is_dir() {
                            continue;
                        }
                        let key = maildir_key(&fname).to_string();
                        if !seen(&folder, &key) {
                            out.push(MailFile {
                                folder: folder.clone(),
                                key,
                                path: f.path(),
                                sent_folder: sent,
                            });
                        }
                    }
                }
                "tmp" => {}
                _ => {
                    let sub = if folder.is_empty() {
                        name
                    } else {
                        format!("{folder}/{name}")
                    };
                    subdirs.push((entry.path(), sub));
                }
            }
        }
        stack.extend(subdirs);
    }
    out.sort_by(|a, b| (&a.folder, &a.key).cmp(&(&b.folder, &b.key)));
    // A mail moved from new/ to cur/ between listing its folders: once.
    out.dedup_by(|a, b| a.folder == b.folder && a.key == b.key);
    Ok(out)
}

/// Reads the headers of one Maildir file. None: nothing in it is a header.
pub fn read_mail_file(f: &MailFile) -> io::Result<Option<Mail>> {
    let mut r = BufReader::with_capacity(16 * 1024, File::open(&f.path)?);
    let block = header_block(&mut r)?;
    Ok(parse(&block, &f.folder, f.sent_folder))
}

/// Where a scan of an mbox file ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MboxMarker {
    pub offset: u64,
    /// The file's length then.
    pub len: u64,
}

/// Scans the mbox file at `path` from `marker` (None: from the top), handing
/// each message's headers and the byte offset reached to `each`, and returns
/// where it ended. The folder of every mail is the file's name.
pub fn scan_mbox(
    path: &Path,
    marker: Option<MboxMarker>,
    mut each: impl FnMut(Mail, u64),
) -> io::Result<MboxMarker> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let folder = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sent = is_sent_folder(&folder);
    let mut pos = 0;
    if let Some(m) = marker.filter(|m| m.offset > 0 && m.offset <= len) {
        if m.offset == len && m.len == len {
            return Ok(m);
        }
        file.seek(SeekFrom::Start(m.offset))?;
        let mut head = [0u8; 5];
        let mut got = 0;
        while got < head.len() {
            let n = file.read(&mut head[got..])?;
            if n == 0 {
                break;
            }
            got += n;
        }
        if &head[..got] == b"From " {
            pos = m.offset;
        }
        file.seek(SeekFrom::Start(pos))?;
    }
    let mut r = BufReader::with_capacity(64 * 1024, file);
    let mut line = Vec::new();
    let mut block = Vec::new();
    let mut in_headers = false;
    let mut prev_blank = true;
    loop {
        line.clear();
        let n = read_line_capped(&mut r, &mut line, LINE_CAP)?;
        if n == 0 {
            break;
        }
        pos += n as u64;
        let blank = is_blank(&line);
        if prev_blank && line.starts_with(b"From ") {
            if in_headers {
                flush(&mut block, &folder, sent, pos, &mut each);
            }
            in_headers = true;
            block.clear();
        } else if in_headers {
            if blank {
                flush(&mut block, &folder, sent, pos, &mut each);
                in_headers = false;
            } else if block.len() + line.len() <= HEADER_CAP {
                block.extend_from_slice(&line);
            }
        }
        prev_blank = blank;
    }
    if in_headers {
        flush(&mut block, &folder, sent, pos, &mut each);
    }
    Ok(MboxMarker {
        offset: pos,
        len: pos,
    })
}

fn flush(
    block: &mut Vec<u8>,
    folder: &str,
    sent: bool,
    pos: u64,
    each: &mut impl FnMut(Mail, u64),
) {
    block.extend_from_slice(b"\n");
    if let Some(m) = parse(block, folder, sent) {
        each(m, pos);
    }
    block.clear();
}
