//! Names as people write them (issue 12.6): the structured N a card came
//! with is kept and written back, honorifics go to N's prefix and degrees to
//! its suffix, and net/1 JSON carries the parts.

use crate::common::TestEnv;

/// The N lines of `net export vcard`, in contact order.
fn n_lines(env: &TestEnv) -> Vec<String> {
    env.ok(&["export", "vcard"])
        .stdout
        .lines()
        .filter(|l| l.starts_with("N:"))
        .map(String::from)
        .collect()
}

#[test]
fn the_n_that_came_on_import_is_written_back_not_re_split() {
    let env = TestEnv::new();
    let card = env.write(
        "a.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana García López\r\nN:García López;Ana;;;\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Stefan Koch\r\nN:Koch;Stefan;;Dr.;\r\nEND:VCARD\r\n",
    );
    env.ok(&["import", "vcard", card.to_str().unwrap()]);
    assert_eq!(
        n_lines(&env),
        ["N:García López;Ana;;;", "N:Koch;Stefan;;Dr.;"]
    );
    // net/1 carries the parts, and a restore keeps them.
    let backup = env.ok(&["export", "json"]).stdout;
    assert!(
        backup.contains(r#""name_parts":{"family":"García López","given":"Ana"}"#),
        "{backup}"
    );
    let restored = TestEnv::new();
    let file = restored.write("backup.json", &backup);
    restored.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(n_lines(&restored), n_lines(&env));
    // Renamed, the old parts no longer fit: guessed from the new name.
    env.ok(&["edit", "ana", "--rename", "Ana Ruiz"]);
    assert_eq!(n_lines(&env)[0], "N:Ruiz;Ana;;;");
}

#[test]
fn honorifics_go_to_the_prefix_and_degrees_to_the_suffix() {
    let env = TestEnv::new();
    env.ok(&["add", "Dr. Stefan Koch"]);
    env.ok(&["add", "Prof. Dr. Eva Lang"]);
    env.ok(&["add", "Anna Müller"]);
    assert_eq!(
        n_lines(&env),
        [
            "N:Koch;Stefan;;Dr.;",
            "N:Lang;Eva;;Prof. Dr.;",
            "N:Müller;Anna;;;"
        ]
    );
    let csv = env.write(
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Oliver,\"Krause, MBA\",https://www.linkedin.com/in/ok,,ACME,CTO,22 Nov 2025\n",
    );
    env.ok(&["import", "linkedin", csv.to_str().unwrap()]);
    let oliver = env.json(&["show", "oliver", "--json"]);
    assert_eq!(oliver["contact"]["name"], "Oliver Krause");
    assert_eq!(oliver["contact"]["aliases"][0], "Oliver Krause, MBA");
    assert!(
        n_lines(&env).contains(&"N:Krause;Oliver;;;MBA".to_string()),
        "{:?}",
        n_lines(&env)
    );
}
