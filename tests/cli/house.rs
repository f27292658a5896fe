//! The rule of the house, checked on the source (README "How it is built"):
//! no module imports another that imports it back, directly or through others;
//! SQL only in `store`; nothing printed outside `render` (and `main`, prompts).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, by module path (`commands::log`, `store`).
fn modules() -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                parts.pop();
            }
            (parts.join("::"), path)
        })
        .collect()
}

/// The code of a file without its tests and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module a path such as `super::log::check_kind` names, seen from `from`.
fn target(from: &str, path: &[&str], known: &BTreeSet<&str>) -> Option<String> {
    let mut base: Vec<&str> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").collect()
    };
    let mut rest = path;
    match rest.first() {
        Some(&"crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some(&"super") => {
            while rest.first() == Some(&"super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    (0..=rest.len()).rev().find_map(|n| {
        let mut whole = base.clone();
        whole.extend(&rest[..n]);
        let name = whole.join("::");
        known.contains(name.as_str()).then_some(name)
    })
}

/// Which modules each module uses, leaving out a module's own parents and
/// children (a folder's mod.rs and its files share helpers by design).
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let mods = modules();
    let known: BTreeSet<&str> = mods.keys().map(String::as_str).collect();
    let mut edges = BTreeMap::new();
    for (name, path) in &mods {
        let code = code(path);
        let mut paths: Vec<Vec<String>> = Vec::new();
        let words = |s: &str| -> Vec<String> { s.split("::").map(str::to_string).collect() };
        for (i, _) in code
            .match_indices("crate::")
            .chain(code.match_indices("super::"))
        {
            if i > 0 && code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let tail: String = code[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{')
                .collect();
            match tail.split_once("::{") {
                // `crate::model::{Cadence, derive}`: each name in the braces.
                Some((head, _)) => {
                    let close = code[i..].find('}').map_or(code.len(), |c| i + c);
                    let open = i + tail.find('{').unwrap() + 1;
                    for item in code[open..close].split(',') {
                        let item = item.trim().split("::").next().unwrap_or("").trim();
                        if !item.is_empty() {
                            let mut p = words(head);
                            p.push(item.to_string());
                            paths.push(p);
                        }
                    }
                }
                None => paths.push(words(tail.trim_end_matches(':'))),
            }
        }
        let mut to = BTreeSet::new();
        for p in paths {
            let p: Vec<&str> = p.iter().map(String::as_str).collect();
            if let Some(t) = target(name, &p, &known) {
                let family = t.is_empty()
                    || name.is_empty()
                    || name.starts_with(&format!("{t}::"))
                    || t.starts_with(&format!("{name}::"));
                if t != *name && !family {
                    to.insert(t);
                }
            }
        }
        edges.insert(name.clone(), to);
    }
    edges
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = uses();
    assert!(
        edges.get("commands").is_some_and(|e| e.contains("store")),
        "the scan must see commands use store: {edges:?}"
    );
    let mut circles = Vec::new();
    for start in edges.keys() {
        // Depth-first from `start`, keeping the path, to report the circle.
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    let mut circle = path.clone();
                    circle.push(start.clone());
                    circles.push(circle.join(" -> "));
                } else if seen.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn sql_lives_in_the_store_and_printing_in_render() {
    let mut wrong = Vec::new();
    for (name, path) in modules() {
        let code = code(&path);
        let sql_ok = name == "store" || name.starts_with("store::") || name == "error";
        if code.contains("rusqlite") && !sql_ok {
            wrong.push(format!("{name} uses rusqlite"));
        }
        let print_ok = name == "main" || name.starts_with("render") || name == "prompt";
        for mac in ["println!", "eprintln!", "print!(", "eprint!("] {
            if code.contains(mac) && !print_ok {
                wrong.push(format!("{name} calls {mac}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
