//! Integrity: nothing lost, nothing mixed, nothing unsafe published. Writes
//! stay inside the site and out of its sources; an unreadable folder is an
//! error, not a silent loss.

mod common;

use common::Site;

#[test]
fn ingest_slug_with_a_path_is_refused_and_nothing_is_written() {
    let site = Site::copy_of("basic");
    let before = site.tree("content");
    site.write(
        "paste.txt",
        "Eine Meldung\n\nDer Text der Meldung, lang genug.\n",
    );
    let paste = site.root().join("paste.txt");
    for slug in [
        "../entities/nordkorea",
        "../../../pwned",
        "/tmp/briefing-pwned",
    ] {
        let run = site.run(&["ingest", "--slug", slug, "--force", paste.to_str().unwrap()]);
        run.assert_failed();
        assert!(run.stderr().contains("not a path"), "{}", run.stderr());
    }
    assert_eq!(site.tree("content"), before);
    assert!(!site.root().join("../pwned").exists());
}

#[test]
fn an_output_in_a_source_folder_is_refused() {
    let site = Site::copy_of("basic");
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    for out in [
        "templates",
        "static",
        "themes/default",
        "content/articles/out",
        "content",
    ] {
        let dir = site.root().join(out);
        let run = site.run(&["build", "--output", dir.to_str().unwrap()]);
        run.assert_failed();
        assert!(
            run.stderr().contains("source folder"),
            "{out}: {}",
            run.stderr()
        );
    }
    assert!(!site.root().join("content/articles/out").exists());
    let public = site.root().join("public");
    site.run(&["build", "--output", public.to_str().unwrap()])
        .assert_ok();
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_naming_it_for_build_and_check() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/lockeddir/a.md",
        "---\ntitle: Locked\ndate: 2025-01-01\n---\n\nText.\n",
    );
    let locked = site.root().join("content/articles/lockeddir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Running as root: permissions do not lock anything.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        let stderr = run.stderr();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        assert!(!run.success(), "{command}: {stderr}");
        assert!(
            stderr.contains("cannot read the folder content/articles/lockeddir")
                && stderr.contains("chmod"),
            "{command}: {stderr}"
        );
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}
