//! Serve: the preview server. Builds the site in memory, serves it over HTTP,
//! watches the sources, rebuilds incrementally and reloads open pages.
//!
//! Entry point: [`serve`]. It binds (to 127.0.0.1 unless told otherwise),
//! builds with the base URL of the server, and then runs two things side by
//! side: the HTTP server ([`server`]) on a Tokio runtime, and a thread that
//! waits for changes ([`watch`]), rebuilds ([`incremental`]) and publishes the
//! result to the server's [`server::State`] and to open pages ([`reload`]).
//! The state is a value shared by the handlers and the rebuild thread, never
//! a global.
//!
//! Nothing is written to disk: the site is served from memory, so `site/`
//! (the published build) stays as it is, and the live-reload script exists
//! only in served pages. Content errors never stop the server: they go to the
//! terminal and to an overlay in the browser, and the last good site stays.
//!
//! ```no_run
//! let options = briefing::serve::ServeOptions::new("my-briefing");
//! if let Err(e) = briefing::serve::serve(&options) {
//!     eprintln!("error: {e}");
//! }
//! ```

pub mod incremental;
pub mod listen;
pub mod reload;
pub mod server;
pub mod terminal;
pub mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{counted, Diagnostic, ToDiagnostic, Warnings};
use crate::BuildOptions;
use incremental::{Changes, Incremental};
use reload::Message;
use server::State;
use terminal::Terminal;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root (holding `briefing.yaml`).
    pub root: PathBuf,
    /// The address to bind; 127.0.0.1 by default, so the preview is not on the network.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Include drafts.
    pub drafts: bool,
    /// Print the time of each stage of every rebuild.
    pub timings: bool,
    /// How to show warnings: the first build shows them this way, every
    /// rebuild only the new ones.
    pub warnings: Warnings,
}

impl ServeOptions {
    pub fn new(root: impl AsRef<Path>) -> Self {
        ServeOptions {
            root: root.as_ref().to_path_buf(),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            drafts: false,
            timings: false,
            warnings: Warnings::default(),
        }
    }
}

/// The port `serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// Why the server could not run (content errors never end up here).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot listen on {addr}: {message}")]
    Bind { addr: SocketAddr, message: String },
    #[error("cannot watch the site for changes: {0}")]
    Watch(String),
    #[error("the site folder {} cannot be read: {message}", path.display())]
    Root { path: PathBuf, message: String },
    #[error("the server stopped: {0}")]
    Server(String),
}

impl ToDiagnostic for Error {
    fn to_diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::error(self.to_string());
        match self {
            Error::Bind { .. } => {
                d.help("another program uses this port: choose another with `--port N`, or `--port 0` for any free one")
            }
            Error::Watch(_) => d.help(
                "the system may be out of file watches; on Linux raise fs.inotify.max_user_watches",
            ),
            Error::Root { .. } => d.help("pass the folder holding briefing.yaml with `--root DIR`"),
            Error::Server(_) => d.help("start `briefing serve` again"),
        }
    }
}

/// Builds, serves and watches the site until the process is interrupted.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let root = options.root.canonicalize().map_err(|e| Error::Root {
        path: options.root.clone(),
        message: e.to_string(),
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Server(e.to_string()))?;
    let requested = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(requested).map_err(|e| Error::Bind {
        addr: requested,
        message: e.to_string(),
    })?;
    let addr = listener.local_addr().map_err(|e| Error::Bind {
        addr: requested,
        message: e.to_string(),
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Server(e.to_string()))?;
    let url = format!("http://{addr}/");

    let build = BuildOptions {
        base_url: Some(url.clone()),
        drafts: options.drafts,
        ..BuildOptions::new(&root)
    };
    let mut site = Incremental::new(build);
    let state = Arc::new(State::default());
    let timings = options.timings;
    let mut terminal = Terminal::new(&root, options.warnings);
    rebuild(
        &mut site,
        &Changes::everything(),
        &state,
        &mut terminal,
        timings,
    );
    // Watch before serving, so that no change made after the first page is lost.
    let mut watcher = watch::Watcher::start(&root)?;

    let thread_state = state.clone();
    std::thread::Builder::new()
        .name("briefing-rebuild".into())
        .spawn(move || {
            while let Some(changes) = watcher.next_changes() {
                rebuild(&mut site, &changes, &thread_state, &mut terminal, timings);
            }
        })
        .map_err(|e| Error::Watch(e.to_string()))?;

    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    if options.open {
        open_browser(&url);
    }
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Server(e.to_string()))?;
        let app = server::router(state);
        tokio::select! {
            result = listen::serve(listener, app) => result.map_err(|e| Error::Server(e.to_string())),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })?;
    runtime.shutdown_background();
    Ok(())
}

/// One rebuild: publish the site or the errors, tell the pages, tell the terminal.
fn rebuild(
    site: &mut Incremental,
    changes: &Changes,
    state: &State,
    terminal: &mut Terminal,
    timings: bool,
) {
    let root = site.root().to_path_buf();
    match site.rebuild(changes) {
        Ok(update) => {
            let had_errors = state.has_errors();
            state.set_site(site.files().clone());
            if let Some(message) =
                Message::after_rebuild(&update.changed, &update.removed, had_errors)
            {
                state.channel.send(&message);
            }
            eprint!("{}", terminal.after_build(&update.warnings));
            eprintln!(
                "Rebuilt in {} ms: {}, {} rendered, {} changed, {} removed",
                update.millis,
                counted(site.articles(), "article", "articles"),
                counted(update.rendered, "page", "pages"),
                counted(update.changed.len(), "file", "files"),
                update.removed.len()
            );
            if timings {
                eprint!("{}", update.timings.table());
            }
        }
        Err(report) => {
            let message = Message::errors(&report, &root);
            state.set_errors(message.clone());
            state.channel.send(&message);
            let kept = if site.files().is_empty() {
                "nothing to show yet"
            } else {
                "the last good site is still served"
            };
            let errors = report.error_count();
            let noun = if errors == 1 { "error" } else { "errors" };
            eprint!("{}", terminal.after_failure(&report));
            eprintln!("error: {errors} {noun}; {kept}");
        }
    }
}

/// Opens `url` in the default browser; failing to is not an error.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(command).arg(url).spawn() {
        eprintln!("warning: cannot open a browser ({command}: {e}); open {url} yourself");
    }
}
