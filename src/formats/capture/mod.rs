//! Capture (issue 14): read a calendar or a mailbox into plain items and turn
//! the items into proposed interactions with known contacts.
//!
//! - [`calendar`] reads an .ics file's events, recurring ones expanded in a
//!   window of days;
//! - [`mail`] scans a Maildir or an mbox file, headers only, in bounded
//!   memory, from where the last scan stopped;
//! - [`rules`] decides, without reading anything, which items become
//!   proposals and why the others were left out.
//!
//! Only the readers' `*_file`/`scan_*`/`list_*` functions touch the file
//! system; nothing here reads the clock or the environment.

pub mod calendar;
pub mod mail;
pub mod rules;

/// FNV-1a, 64 bits: a hash that stays the same across Rust versions and
/// machines, for the ids of items that have none of their own.
pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests;
