//! `search.html`: the search page, whose results `search.js` makes in the
//! browser from this build's index ([`crate::render::search`]).

use super::{Reader, Vars};
use crate::render::context::*;

pub(super) fn search<'p>(r: &Reader<'p, '_>) -> (PageMeta, Vars<'p>) {
    let pages = r.pages();
    let site = r.site();
    let vars = SearchVars {
        index_url: site.base.href(&pages.search_folder),
        index_version: pages.search_version.clone(),
        script_url: site.base.href("search.js"),
    };
    let meta = pages.meta(
        "search",
        pages.strings.get("search").into(),
        r.route(),
        "search",
    );
    (meta, Vars::Search(vars))
}
