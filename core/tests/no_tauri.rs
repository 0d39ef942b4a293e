//! The core must build without Tauri, so the CLI, tests and scripts run
//! on a machine with no window system. This asks cargo for the core's
//! whole dependency tree and fails if any tauri crate is in it.

use std::process::Command;

#[test]
fn oversight_core_does_not_depend_on_tauri() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "-p", "oversight-core", "--edges", "normal,build", "--prefix", "none"])
        .args(["--offline", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.lines().count() > 10, "the tree lists the core's dependencies:\n{tree}");
    let tauri: Vec<&str> = tree.lines().filter(|l| l.starts_with("tauri")).collect();
    assert!(tauri.is_empty(), "oversight-core depends on Tauri through: {tauri:?}");
}
