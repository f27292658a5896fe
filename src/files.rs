//! Reading a file the user names, bounded: a device (`/dev/urandom`,
//! `/dev/zero`) is refused before a byte is read, and no file is read past a
//! limit far above any real one, so a wrong path cannot hang `net` or eat the
//! memory.

use std::io::{Error, ErrorKind, Read};
use std::path::Path;

/// The largest file an import reads: 512 MiB (a net/1 backup of a million
/// interactions is about 150 MiB; an address book of 10,000 cards 10 MiB).
pub const IMPORT_LIMIT: u64 = 512 * 1024 * 1024;

/// The largest config file read: 1 MiB.
pub const CONFIG_LIMIT: u64 = 1024 * 1024;

/// The bytes of `path`, a regular file or a pipe (`<(…)`), at most `limit`.
/// Errors are `io::Error`s whose text says what is wrong; NotFound stays NotFound.
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    readable(path, limit)?;
    read_at_most(std::fs::File::open(path)?, limit)
}

/// `path` opened to be read as it streams, after the checks of
/// [`read_bounded`]; what it reads past `limit` is an error.
pub fn open_bounded(path: &Path, limit: u64) -> std::io::Result<impl Read> {
    readable(path, limit)?;
    Ok(AtMost {
        from: std::fs::File::open(path)?,
        left: limit,
        limit,
    })
}

/// Whether `path` is a regular file (one that can be read a second time,
/// unlike a pipe).
pub fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// A reader that fails after `left` bytes (a pipe, or a file that grows).
struct AtMost<R> {
    from: R,
    left: u64,
    limit: u64,
}

impl<R: Read> Read for AtMost<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.from.read(buf)?;
        if n as u64 > self.left {
            return Err(too_large(self.limit));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// Refuses a folder, a device, and a file larger than `limit`.
fn readable(path: &Path, limit: u64) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    let kind = meta.file_type();
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&kind);
    #[cfg(not(unix))]
    let pipe = false;
    if kind.is_dir() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is a folder, not a file",
        ));
    }
    if !kind.is_file() && !pipe {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is not a regular file (a device or socket): give a file",
        ));
    }
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    Ok(())
}

/// Reads `from` to its end, refusing more than `limit` bytes.
pub fn read_at_most(from: impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    from.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn too_large(limit: u64) -> Error {
    Error::new(
        ErrorKind::InvalidData,
        format!(
            "it is larger than {} MiB, far more than any real address book or backup",
            limit / (1024 * 1024)
        ),
    )
}

/// Creates a folder (and its parents) private, 0700: the database's folder,
/// an export's `--dir`.
pub fn private_dir(dir: &Path) -> anyhow::Result<()> {
    use anyhow::Context;
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("creating the folder {}", dir.display()))
}
