//! `briefing init` (in progress).
use crate::diagnostics::Report;
pub fn init(_dir: &std::path::Path) -> Result<(), Report> {
    Ok(())
}
