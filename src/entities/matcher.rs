//! Mention detection: one Aho–Corasick pass over each block of article text,
//! then rules that decide which matches are mentions.
//!
//! Every surface form of every entity (names, aliases, acronyms, adjective
//! stems, demonyms, and the surnames of registered people) is a pattern of a
//! single automaton over case-folded text. A match counts only where it stands
//! at a word start and ends at a word end, or continues with an ending the form
//! allows:
//!
//! | form | accepted as | rule |
//! |---|---|---|
//! | name, alias | as written; `-s`/`-es` (German genitive); `'s`/`’s` | `alias`, `genitive`, `possessive` |
//! | acronym | as written, case-sensitive | `acronym` |
//! | adjective stem | `-e`, `-en`, `-er`, `-es`, `-em` or bare | `adjective` |
//! | demonym | as written | `demonym` |
//! | any of them | joined by a hyphen to another word (`US-Außenminister`) | `compound` |
//! | a person's surname | after the full name appeared in the article, or after a title | `short_name` |
//!
//! Matches are then chosen leftmost-longest, so "das Japanische Meer" is the
//! sea, not Japan, and "Israel Katz" is the person when he is registered.
//! Some forms need context: a surname alone, a form that is also a common word
//! ("Park", "Essen", "Turkey"; see `data/entities/language.yaml`), and a form
//! shared by several entities. They are linked only where the article names the
//! same entity unambiguously elsewhere, or where a title or a place preposition
//! makes the reading clear.

use std::collections::{HashMap, HashSet};

/// Maps and sets keyed by entity ids, looked up for every candidate: a
/// fast hash, since the keys are small integers the registry assigns.
type IdMap = foldhash::HashMap<EntityId, EntityId>;
type IdSet = foldhash::HashSet<EntityId>;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::lexicon::Lexicon;
use super::{EntityId, Mention, Rule};

/// What kind of surface form a pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    Name,
    Acronym,
    Adjective,
    Demonym,
    /// The family name of a registered person.
    Surname,
}

/// One surface form of one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub text: String,
    pub entity: EntityId,
    pub kind: FormKind,
}

/// The compiled matcher.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// For each pattern: the forms that fold to it.
    forms: Vec<Vec<Form>>,
    /// Entities that a capital or seat of government stands for.
    metonyms: IdMap,
    /// The country each place or organization belongs to (a country is its
    /// own): an ambiguous form takes the reading of a country the article
    /// names.
    homes: IdMap,
    /// Cities named like a region of their country ("New York"), with it.
    namesakes: IdMap,
    /// Regions (states, provinces, Länder).
    regions: IdSet,
}

/// Per-article settings of detection.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The article's language (`de`, `en`), for homographs.
    pub language: &'a str,
    /// Link a capital standing for its government to the country.
    pub metonyms_to_country: bool,
}

/// Lowercases without changing byte offsets: a character whose lowercase form
/// has another UTF-8 length is kept as it is. ASCII is lowercased in one
/// pass over the bytes; only the other characters are looked up one by one.
pub fn fold(text: &str) -> String {
    let mut bytes = text.as_bytes().to_ascii_lowercase();
    if !text.is_ascii() {
        for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next()) {
                if l != c && l.len_utf8() == c.len_utf8() {
                    l.encode_utf8(&mut bytes[at..at + c.len_utf8()]);
                }
            }
        }
    }
    String::from_utf8(bytes).expect("characters replaced by characters of the same length")
}

/// A match that passed the word rules, before the choice between overlaps.
#[derive(Debug, Clone)]
struct Candidate {
    segment: usize,
    start: usize,
    end: usize,
    entity: EntityId,
    rule: Rule,
    kind: FormKind,
    /// Needs the article's context to be linked.
    conditional: bool,
    /// Matched through an added ending ("Hama|s"), not as written.
    derived: bool,
    /// The surname of exactly one person, and no other form: it links
    /// alone ("Trump sagte"), unless a determiner makes it a noun ("die Kraft").
    alone: bool,
    /// A surname right after a title ("Außenminister Wadephul").
    after_title: bool,
}

impl Matcher {
    pub fn new(forms: Vec<Form>, metonyms: HashMap<EntityId, EntityId>) -> Matcher {
        let mut by_pattern: HashMap<String, Vec<Form>> = HashMap::new();
        for form in forms {
            if form.text.trim().is_empty() {
                continue;
            }
            let list = by_pattern.entry(fold(&form.text)).or_default();
            if !list.contains(&form) {
                list.push(form);
            }
        }
        let mut patterns: Vec<(String, Vec<Form>)> = by_pattern.into_iter().collect();
        patterns.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|(p, _)| p))
                .expect("entity forms form a valid automaton")
        });
        Matcher {
            automaton,
            forms: patterns.into_iter().map(|(_, f)| f).collect(),
            metonyms: metonyms.into_iter().collect(),
            homes: IdMap::default(),
            namesakes: IdMap::default(),
            regions: IdSet::default(),
        }
    }

    /// The matcher with the cities named like a region of their country and
    /// the set of regions: "New York, Massachusetts and Illinois" lists
    /// states, so New York there is the state.
    pub fn with_namesakes(
        mut self,
        namesakes: HashMap<EntityId, EntityId>,
        regions: HashSet<EntityId>,
    ) -> Matcher {
        self.namesakes = namesakes.into_iter().collect();
        self.regions = regions.into_iter().collect();
        self
    }

    /// The matcher with the country of each entity that has one, so that a
    /// form with several readings ("Senate", "Georgia", "Green Party") takes
    /// the one of the country the article is about.
    pub fn with_homes(mut self, homes: HashMap<EntityId, EntityId>) -> Matcher {
        self.homes = homes.into_iter().collect();
        self
    }

    /// Detects the mentions in the text blocks of one article, in order.
    /// Returns the mentions of each block, as byte offsets into that block.
    pub fn detect_article(&self, segments: &[&str], options: Options) -> Vec<Vec<Mention>> {
        self.detect(segments, options).mentions
    }

    /// Like [`Matcher::detect_article`], and also returns the places where a
    /// form could mean several entities and the article does not say which.
    pub fn detect(&self, segments: &[&str], options: Options) -> Detection {
        let Some(automaton) = &self.automaton else {
            return Detection {
                mentions: segments.iter().map(|_| Vec::new()).collect(),
                ambiguous: Vec::new(),
            };
        };
        let lexicon = Lexicon::get();
        let mut candidates = Vec::new();
        for (i, segment) in segments.iter().enumerate() {
            let folded = fold(segment);
            for m in automaton.find_overlapping_iter(&folded) {
                for form in &self.forms[m.pattern().as_usize()] {
                    let forms = &self.forms[m.pattern().as_usize()];
                    if let Some(mut c) =
                        candidate(segment, i, m.start(), m.end(), form, options, lexicon)
                    {
                        if self.homes.get(&c.entity) != Some(&c.entity)
                            && names_an_event(segment, c.end, options.language, lexicon)
                        {
                            continue;
                        }
                        // "dem Bayern" is a Bavarian, not Bavaria.
                        if lexicon.is_people_name(&segment[c.start..c.end], options.language)
                            && after_determiner(segment, c.start)
                            && !after_place_preposition(segment, c.start, lexicon)
                        {
                            continue;
                        }
                        c.alone = forms.len() == 1 && form.kind == FormKind::Surname;
                        c.after_title = form.kind == FormKind::Surname
                            && lexicon.ends_with_title(&segment[..c.start]);
                        candidates.push(c);
                    }
                }
            }
        }

        // Entities the article names without any doubt: unconditional
        // candidates that win their place among unconditional candidates.
        let unconditional: Vec<&Candidate> = candidates.iter().filter(|c| !c.conditional).collect();
        let mut solid: IdSet = choose(&unconditional)
            .into_iter()
            .filter(|group| group.len() == 1)
            .map(|group| group[0].entity)
            .collect();
        // A surname after a title ("Außenminister Wadephul") names its
        // person for the rest of the article, as the full name would.
        let titled: Vec<EntityId> = candidates
            .iter()
            .filter(|c| c.after_title)
            .map(|c| c.entity)
            .collect();
        solid.extend(titled);
        // The countries the article is about: those of the entities it
        // names without doubt ("Atlanta" and "Ohio" make it the US).
        let countries: IdSet = solid
            .iter()
            .filter_map(|e| self.homes.get(e))
            .copied()
            .collect();
        let at_home = |c: &Candidate| {
            self.homes
                .get(&c.entity)
                .is_some_and(|home| countries.contains(home))
        };
        let accepted: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| {
                !c.conditional
                    || match c.kind {
                        FormKind::Surname => {
                            solid.contains(&c.entity)
                                || c.after_title
                                || (c.alone && !after_determiner(segments[c.segment], c.start))
                        }
                        _ => {
                            solid.contains(&c.entity)
                                || after_place_preposition(segments[c.segment], c.start, lexicon)
                                // A common word capitalised only because it
                                // opens a sentence is not taken on the
                                // country alone ("House prices rose").
                                || (at_home(c) && !at_sentence_start(segments[c.segment], c.start))
                        }
                    }
            })
            .collect();

        let mut out: Vec<Vec<Mention>> = segments.iter().map(|_| Vec::new()).collect();
        let mut ambiguous = Vec::new();
        for group in choose(&accepted) {
            // Several entities on the same span: the one named unambiguously
            // elsewhere in the article, if exactly one is; otherwise none.
            // Failing that, the one whose country the article is about.
            let chosen = if group.len() == 1 {
                Some(group[0])
            } else {
                only_one(group.iter().copied().filter(|c| solid.contains(&c.entity)))
                    .or_else(|| only_one(group.iter().copied().filter(|c| at_home(c))))
            };
            let Some(c) = chosen else {
                let mut entities: Vec<EntityId> = group.iter().map(|c| c.entity).collect();
                entities.sort();
                entities.dedup();
                ambiguous.push(Ambiguity {
                    segment: group[0].segment,
                    start: group[0].start,
                    end: group[0].end,
                    entities,
                });
                continue;
            };
            let (entity, rule) = match (options.metonyms_to_country, self.metonyms.get(&c.entity)) {
                (true, Some(&country)) => (country, Rule::Metonym),
                _ => (c.entity, c.rule),
            };
            out[c.segment].push(Mention {
                entity,
                start: c.start,
                end: c.end,
                rule,
            });
        }
        for (segment, mentions) in segments.iter().zip(&mut out) {
            self.read_lists_of_regions(segment, mentions);
        }
        Detection {
            mentions: out,
            ambiguous,
        }
    }

    /// A city named like a region, listed next to regions ("New York,
    /// Massachusetts and Illinois"), is that region.
    fn read_lists_of_regions(&self, segment: &str, mentions: &mut [Mention]) {
        if self.namesakes.is_empty() {
            return;
        }
        // Forward then backward, so that a region's kind passes along a list.
        for pass in 0..2 {
            for i in 0..mentions.len() {
                let i = if pass == 0 { i } else { mentions.len() - 1 - i };
                let Some(&region) = self.namesakes.get(&mentions[i].entity) else {
                    continue;
                };
                let listed_with_region = |j: usize| {
                    let (a, b) = if j < i { (j, i) } else { (i, j) };
                    self.regions.contains(&mentions[j].entity)
                        && is_list_separator(&segment[mentions[a].end..mentions[b].start])
                };
                let before = i.checked_sub(1).is_some_and(listed_with_region);
                let after = i + 1 < mentions.len() && listed_with_region(i + 1);
                if before || after {
                    mentions[i].entity = region;
                }
            }
        }
    }
}

/// Words that join the names of a list, besides a comma.
const LIST_WORDS: &[&str] = &["and", "or", "und", "oder", "sowie", "&"];

/// Whether the text between two names joins them in a list: a comma, or a
/// conjunction with an optional comma before it.
fn is_list_separator(between: &str) -> bool {
    let between = between.trim();
    let word = between.trim_start_matches(',').trim();
    !between.is_empty() && (word.is_empty() || LIST_WORDS.contains(&word))
}

/// What detection found in one article.
#[derive(Debug, Clone, Default)]
pub struct Detection {
    /// The mentions of each block.
    pub mentions: Vec<Vec<Mention>>,
    /// Forms that could mean several entities, left unlinked.
    pub ambiguous: Vec<Ambiguity>,
}

/// A form shared by several entities that the article does not disambiguate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    pub segment: usize,
    pub start: usize,
    pub end: usize,
    pub entities: Vec<EntityId>,
}

/// The candidate, when all of them are of one entity.
fn only_one<'c>(mut candidates: impl Iterator<Item = &'c Candidate>) -> Option<&'c Candidate> {
    let first = candidates.next()?;
    candidates
        .all(|c| c.entity == first.entity)
        .then_some(first)
}

/// Leftmost-longest choice among candidates; candidates for the same span
/// (several entities, or several forms) come back as one group.
fn choose<'c>(candidates: &[&'c Candidate]) -> Vec<Vec<&'c Candidate>> {
    let mut sorted: Vec<&Candidate> = candidates.to_vec();
    sorted.sort_by(|a, b| {
        (a.segment, a.start, std::cmp::Reverse(a.end), a.entity).cmp(&(
            b.segment,
            b.start,
            std::cmp::Reverse(b.end),
            b.entity,
        ))
    });
    let mut groups: Vec<Vec<&Candidate>> = Vec::new();
    let mut last: Option<(usize, usize)> = None; // (segment, end) of the last chosen span
    for c in sorted {
        if let Some(group) = groups.last_mut() {
            let head = group[0];
            if head.segment == c.segment && head.start == c.start && head.end == c.end {
                if !group.iter().any(|g| g.entity == c.entity) {
                    group.push(c);
                }
                continue;
            }
        }
        if let Some((segment, end)) = last {
            if segment == c.segment && c.start < end {
                continue;
            }
        }
        last = Some((c.segment, c.end));
        groups.push(vec![c]);
    }
    // A form found as written beats a form read with an added ending on the
    // same span: "Hamas" is the organization, not the genitive of Hama.
    for group in &mut groups {
        if group.iter().any(|c| !c.derived) {
            group.retain(|c| !c.derived);
        }
    }
    groups
}

/// Whether a determiner stands right before `start` ("die Kraft", "the Cook").
fn after_determiner(segment: &str, start: usize) -> bool {
    let before = segment[..start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    Lexicon::get().determiners.contains(&word.to_lowercase())
}

/// Whether the words after a place at `end` make it part of the name of an
/// event: "Gaza war", "Gaza-Krieg", "Gaza-Friedensabkommen", "Kuala Lumpur
/// Peace Accord" (an event noun after up to two capitalised words).
fn names_an_event(segment: &str, end: usize, language: &str, lexicon: &Lexicon) -> bool {
    let rest = &segment[end..];
    if let Some(joined) = rest.strip_prefix('-') {
        let word: String = joined.chars().take_while(|c| c.is_alphanumeric()).collect();
        let lower = word.to_lowercase();
        return lexicon.is_event_noun(&word, language)
            || (language == "de"
                && lexicon
                    .event_nouns(language)
                    .any(|noun| lower.len() > noun.len() && lower.ends_with(noun)));
    }
    if !rest.starts_with(' ') {
        return false;
    }
    for word in rest.split_whitespace().take(3) {
        let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if lexicon.is_event_noun(word, language) {
            return true;
        }
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Whether `start` opens a sentence or the block: nothing but opening
/// quotes or brackets stand between it and a full stop, question or
/// exclamation mark, colon, or the block's start.
fn at_sentence_start(segment: &str, start: usize) -> bool {
    let before = segment[..start]
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'„“‚‘«»([–—-".contains(c));
    before.is_empty() || before.ends_with(['.', '!', '?', ':'])
}

fn after_place_preposition(segment: &str, start: usize, lexicon: &Lexicon) -> bool {
    let before = segment[..start].trim_end();
    let word_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    !word.is_empty() && lexicon.place_prepositions.contains(&word.to_lowercase())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// German adjective endings after a stem ("nordkoreanisch|e").
const ADJECTIVE_ENDINGS: &[&str] = &["en", "er", "es", "em", "e"];
/// German genitive endings after a name ("Russland|s", "Irak|es").
const GENITIVE_ENDINGS: &[&str] = &["es", "s"];

/// Checks one automaton match against the word rules.
fn candidate(
    segment: &str,
    index: usize,
    start: usize,
    end: usize,
    form: &Form,
    options: Options,
    lexicon: &Lexicon,
) -> Option<Candidate> {
    let before = segment[..start].chars().next_back();
    if before.is_some_and(is_word_char) {
        return None;
    }
    let surface = &segment[start..end];
    let form_first = form.text.chars().next()?;
    let surface_first = surface.chars().next()?;
    match form.kind {
        FormKind::Acronym => {
            if surface != form.text {
                return None;
            }
        }
        // German stems are lowercase and take a capital at a sentence start;
        // English adjectives keep theirs.
        FormKind::Adjective if form_first.is_lowercase() => {}
        _ => {
            // Names keep their capital: "China" but not "china" in a URL.
            if form_first.is_uppercase() && !surface_first.is_uppercase() {
                return None;
            }
        }
    }
    let rest = &segment[end..];
    let mut end = end;
    let mut rule = match form.kind {
        FormKind::Name => Rule::Alias,
        FormKind::Acronym => Rule::Acronym,
        FormKind::Adjective => Rule::Adjective,
        FormKind::Demonym => Rule::Demonym,
        FormKind::Surname => Rule::ShortName,
    };
    match rest.chars().next() {
        Some(c) if is_word_char(c) => {
            let endings: &[&str] = match form.kind {
                FormKind::Name | FormKind::Surname => GENITIVE_ENDINGS,
                FormKind::Adjective if form_first.is_lowercase() => ADJECTIVE_ENDINGS,
                _ => &[],
            };
            let ending = endings.iter().find(|e| {
                rest.starts_with(*e) && !rest[e.len()..].chars().next().is_some_and(is_word_char)
            })?;
            end += ending.len();
            if form.kind != FormKind::Adjective && form.kind != FormKind::Surname {
                rule = Rule::Genitive;
            }
        }
        Some(quote @ ('\'' | '’')) => {
            let after_quote = &rest[quote.len_utf8()..];
            if let Some(after_s) = after_quote.strip_prefix('s') {
                if !after_s.chars().next().is_some_and(is_word_char)
                    && form.kind != FormKind::Adjective
                {
                    rule = Rule::Possessive;
                }
            }
        }
        _ => {}
    }
    let next = segment[end..].chars().next();
    let joined_after = next == Some('-')
        && segment[end + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
    let joined_before = before == Some('-')
        && segment[..start - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    if joined_after || joined_before {
        rule = Rule::Compound;
    }
    let conditional =
        form.kind == FormKind::Surname || lexicon.is_homograph(surface, options.language);
    Some(Candidate {
        segment: index,
        start,
        end,
        entity: form.entity,
        rule,
        kind: form.kind,
        conditional,
        // Matched through an added ending, not as written.
        derived: end > start + surface.len(),
        alone: false,
        after_title: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const JAPAN: EntityId = EntityId(0);
    const SEA: EntityId = EntityId(1);
    const BLINKEN: EntityId = EntityId(2);
    const USA: EntityId = EntityId(3);
    const ESSEN: EntityId = EntityId(4);
    const KATZ: EntityId = EntityId(5);
    const ISRAEL: EntityId = EntityId(6);
    const PYONGYANG: EntityId = EntityId(7);
    const NK: EntityId = EntityId(8);

    fn form(text: &str, entity: EntityId, kind: FormKind) -> Form {
        Form {
            text: text.into(),
            entity,
            kind,
        }
    }

    fn matcher() -> Matcher {
        use FormKind::*;
        Matcher::new(
            vec![
                form("Japan", JAPAN, Name),
                form("japanisch", JAPAN, Adjective),
                form("Japanische Meer", SEA, Name),
                form("Antony Blinken", BLINKEN, Name),
                form("Blinken", BLINKEN, Surname),
                form("US", USA, Acronym),
                form("USA", USA, Acronym),
                form("amerikanisch", USA, Adjective),
                form("American", USA, Adjective),
                form("Essen", ESSEN, Name),
                form("Israel Katz", KATZ, Name),
                form("Katz", KATZ, Surname),
                form("Israel", ISRAEL, Name),
                form("Pjöngjang", PYONGYANG, Name),
                form("Nordkorea", NK, Name),
            ],
            HashMap::from([(PYONGYANG, NK)]),
        )
    }

    fn detect(text: &str) -> Vec<(String, EntityId, Rule)> {
        detect_with(
            text,
            Options {
                language: "de",
                metonyms_to_country: false,
            },
        )
    }

    fn detect_with(text: &str, options: Options) -> Vec<(String, EntityId, Rule)> {
        matcher()
            .detect_article(&[text], options)
            .remove(0)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.entity, m.rule))
            .collect()
    }

    #[test]
    fn the_japanese_sea_is_not_japan() {
        let found = detect("eine Rakete auf das Japanische Meer, sagte Japan");
        assert_eq!(found[0], ("Japanische Meer".into(), SEA, Rule::Alias));
        assert!(!found
            .iter()
            .any(|(s, e, _)| s.starts_with("Japanische") && *e == JAPAN));
    }

    #[test]
    fn links_genitive_of_registered_country() {
        assert_eq!(
            detect("Japans Regierungschef"),
            [("Japans".into(), JAPAN, Rule::Genitive)]
        );
        assert_eq!(
            detect("Nordkoreas Machthaber"),
            [("Nordkoreas".into(), NK, Rule::Genitive)]
        );
        assert!(detect("Japanese").is_empty(), "no arbitrary endings");
    }

    #[test]
    fn links_adjective_stems_with_german_endings() {
        let found = detect("das amerikanisch-japanische Bündnis");
        assert_eq!(found[0], ("amerikanisch".into(), USA, Rule::Compound));
        assert_eq!(found[1], ("japanische".into(), JAPAN, Rule::Compound));
        assert_eq!(detect("japanischen Firmen")[0].2, Rule::Adjective);
        assert!(detect("japanischste").is_empty());
    }

    #[test]
    fn acronyms_are_case_sensitive_and_join_compounds() {
        assert_eq!(
            detect("US-Außenminister"),
            [("US".into(), USA, Rule::Compound)]
        );
        assert_eq!(detect("die USA und"), [("USA".into(), USA, Rule::Acronym)]);
        assert!(detect("tell us about it").is_empty());
    }

    #[test]
    fn english_possessives_and_adjectives() {
        let en = Options {
            language: "en",
            metonyms_to_country: false,
        };
        assert_eq!(
            detect_with("Japan's economy", en),
            [("Japan".into(), JAPAN, Rule::Possessive)]
        );
        assert_eq!(
            detect_with("Japan’s economy", en),
            [("Japan".into(), JAPAN, Rule::Possessive)]
        );
        assert_eq!(detect_with("an American diplomat", en)[0].1, USA);
    }

    #[test]
    fn a_registered_person_wins_over_a_country_in_his_name() {
        assert_eq!(
            detect("Israel Katz sagte"),
            [("Israel Katz".into(), KATZ, Rule::Alias)]
        );
    }

    #[test]
    fn a_surname_of_one_person_links_alone_but_not_after_a_determiner() {
        let found = detect("Blinken sprach. Antony Blinken sagte. Blinkens Reise");
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[2], ("Blinkens".into(), BLINKEN, Rule::ShortName));
        assert_eq!(detect("Blinken sprach.")[0].1, BLINKEN);
        assert!(detect("Die Blinken leuchten.").is_empty());
        assert_eq!(detect("sagte Außenminister Blinken")[0].0, "Blinken");
    }

    #[test]
    fn a_surname_of_two_people_links_after_a_full_name_or_a_title_only() {
        let m = Matcher::new(
            vec![
                form("Antony Blinken", BLINKEN, FormKind::Name),
                form("Blinken", BLINKEN, FormKind::Surname),
                form("Anna Blinken", KATZ, FormKind::Name),
                form("Blinken", KATZ, FormKind::Surname),
            ],
            HashMap::new(),
        );
        let options = Options {
            language: "de",
            metonyms_to_country: false,
        };
        assert!(m.detect_article(&["Blinken sprach."], options)[0].is_empty());
        let found = m.detect_article(&["Anna Blinken kam. Blinken sprach."], options);
        assert_eq!(found[0][1].entity, KATZ);
    }

    #[test]
    fn common_word_homographs_need_context() {
        assert!(detect("Das Essen war kalt.").is_empty());
        let bavaria = Matcher::new(vec![form("Bayern", ESSEN, FormKind::Name)], HashMap::new());
        let de = Options {
            language: "de",
            metonyms_to_country: false,
        };
        assert!(
            bavaria.detect_article(&["Nahles bietet dem Bayern die Hand."], de)[0].is_empty(),
            "a Bavarian"
        );
        assert_eq!(bavaria.detect_article(&["Wahl in Bayern."], de)[0].len(), 1);
        assert_eq!(detect("Die Messe in Essen öffnet.")[0].1, ESSEN);
    }

    #[test]
    fn capitals_stand_for_their_country_when_configured() {
        let found = detect_with(
            "mit Pjöngjang zu teilen",
            Options {
                language: "de",
                metonyms_to_country: true,
            },
        );
        assert_eq!(found, [("Pjöngjang".into(), NK, Rule::Metonym)]);
        assert_eq!(detect("mit Pjöngjang")[0].1, PYONGYANG);
    }

    #[test]
    fn a_name_as_written_beats_a_genitive_of_another_name() {
        let m = Matcher::new(
            vec![
                form("Hama", JAPAN, FormKind::Name),
                form("Hamas", SEA, FormKind::Name),
            ],
            HashMap::new(),
        );
        let found = m.detect_article(
            &["Die Hamas sprach."],
            Options {
                language: "de",
                metonyms_to_country: false,
            },
        );
        assert_eq!(found[0].len(), 1);
        assert_eq!(found[0][0].entity, SEA);
    }

    #[test]
    fn reports_a_form_of_two_entities_that_the_article_leaves_open() {
        let m = Matcher::new(
            vec![
                form("Kim Jong-un", BLINKEN, FormKind::Name),
                form("Kim Yo-jong", KATZ, FormKind::Name),
                form("Kim", BLINKEN, FormKind::Name),
                form("Kim", KATZ, FormKind::Name),
            ],
            HashMap::new(),
        );
        let options = Options {
            language: "de",
            metonyms_to_country: false,
        };
        let open = m.detect(&["Kim sprach."], options);
        assert!(open.mentions[0].is_empty());
        assert_eq!(open.ambiguous[0].entities, [BLINKEN, KATZ]);
        let resolved = m.detect(&["Kim Jong-un kam. Kim sprach."], options);
        assert_eq!(resolved.mentions[0].len(), 2, "{resolved:?}");
        assert!(resolved.ambiguous.is_empty());
    }

    /// Two senates, a US state and a country named Georgia, two green
    /// parties, with their countries.
    fn homes_matcher() -> Matcher {
        use FormKind::*;
        let (us, au, ge, de) = (EntityId(0), EntityId(1), EntityId(2), EntityId(3));
        let (us_senate, au_senate, georgia_us) = (EntityId(4), EntityId(5), EntityId(6));
        let (atlanta, canberra, green_de, green_au) =
            (EntityId(7), EntityId(8), EntityId(9), EntityId(10));
        Matcher::new(
            vec![
                form("U.S.", us, Acronym),
                form("Australia", au, Name),
                form("Georgia", ge, Name),
                form("Germany", de, Name),
                form("Senate", us_senate, Name),
                form("Senate", au_senate, Name),
                form("Georgia", georgia_us, Name),
                form("Atlanta", atlanta, Name),
                form("Canberra", canberra, Name),
                form("Green Party", green_de, Name),
                form("Green Party", green_au, Name),
            ],
            HashMap::new(),
        )
        .with_homes(HashMap::from([
            (us, us),
            (au, au),
            (ge, ge),
            (de, de),
            (us_senate, us),
            (au_senate, au),
            (georgia_us, us),
            (atlanta, us),
            (canberra, au),
            (green_de, de),
            (green_au, au),
        ]))
    }

    fn detect_en(m: &Matcher, text: &str) -> Vec<(String, EntityId)> {
        let options = Options {
            language: "en",
            metonyms_to_country: false,
        };
        m.detect_article(&[text], options)
            .remove(0)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.entity))
            .collect()
    }

    #[test]
    fn a_form_of_several_entities_takes_the_country_the_article_names() {
        let m = homes_matcher();
        let found = detect_en(&m, "In Canberra, the Senate voted. The Green Party agreed.");
        assert_eq!(found[1], ("Senate".into(), EntityId(5)), "{found:?}");
        assert_eq!(found[2], ("Green Party".into(), EntityId(10)), "{found:?}");
        let found = detect_en(
            &m,
            "Voters in Atlanta and across Georgia backed the Senate bill.",
        );
        assert_eq!(
            found[1],
            ("Georgia".into(), EntityId(6)),
            "the state: {found:?}"
        );
        assert_eq!(found[2], ("Senate".into(), EntityId(4)), "{found:?}");
    }

    #[test]
    fn a_form_of_several_entities_stays_open_when_the_article_names_no_country_or_both() {
        let m = homes_matcher();
        assert!(detect_en(&m, "the Senate voted.").is_empty());
        let both = detect_en(&m, "Atlanta and Canberra: the Senate voted.");
        assert!(!both.iter().any(|(s, _)| s == "Senate"), "{both:?}");
    }

    #[test]
    fn a_common_word_opening_a_sentence_is_not_taken_on_the_country_alone() {
        let m = homes_matcher();
        let found = detect_en(&m, "Officials in Atlanta met. Senate leaders agreed.");
        assert!(!found.iter().any(|(s, _)| s == "Senate"), "{found:?}");
        let found = detect_en(&m, "Officials in Atlanta met the Senate leaders.");
        assert!(found.iter().any(|(s, _)| s == "Senate"), "{found:?}");
    }

    #[test]
    fn a_place_in_the_name_of_an_event_is_not_linked_but_a_country_is() {
        use FormKind::*;
        let (ukraine, gaza, kl) = (EntityId(0), EntityId(1), EntityId(2));
        let m = Matcher::new(
            vec![
                form("Ukraine", ukraine, Name),
                form("Gaza", gaza, Name),
                form("Kuala Lumpur", kl, Name),
            ],
            HashMap::new(),
        )
        .with_homes(HashMap::from([
            (ukraine, ukraine),
            (gaza, ukraine),
            (kl, ukraine),
        ]));
        let de = Options {
            language: "de",
            metonyms_to_country: false,
        };
        let found = |text: &str, options| -> Vec<String> {
            m.detect_article(&[text], options)
                .remove(0)
                .into_iter()
                .map(|x| text[x.start..x.end].to_string())
                .collect()
        };
        assert!(found("im Gaza-Krieg und beim Gaza-Friedensabkommen", de).is_empty());
        assert_eq!(found("der Ukraine-Krieg", de), ["Ukraine"]);
        assert_eq!(found("Hilfe für Gaza-Stadt und Gaza", de), ["Gaza", "Gaza"]);
        let en = Options {
            language: "en",
            metonyms_to_country: false,
        };
        assert!(found("the Gaza war and the Kuala Lumpur Peace Accord", en).is_empty());
        assert_eq!(
            found("talks in Kuala Lumpur on Monday", en),
            ["Kuala Lumpur"]
        );
    }

    #[test]
    fn a_city_named_like_a_state_is_the_state_in_a_list_of_states() {
        use FormKind::*;
        let (nyc, nys, mass, ill, boston) = (
            EntityId(0),
            EntityId(1),
            EntityId(2),
            EntityId(3),
            EntityId(4),
        );
        let m = Matcher::new(
            vec![
                form("New York", nyc, Name),
                form("New York State", nys, Name),
                form("Massachusetts", mass, Name),
                form("Illinois", ill, Name),
                form("Boston", boston, Name),
            ],
            HashMap::new(),
        )
        .with_namesakes(HashMap::from([(nyc, nys)]), HashSet::from([nys, mass, ill]));
        let en = Options {
            language: "en",
            metonyms_to_country: false,
        };
        let entities = |text: &str| -> Vec<EntityId> {
            m.detect_article(&[text], en)[0]
                .iter()
                .map(|x| x.entity)
                .collect()
        };
        assert_eq!(
            entities("in New York, Massachusetts and Illinois"),
            [nys, mass, ill]
        );
        assert_eq!(entities("Illinois and New York"), [ill, nys]);
        assert_eq!(
            entities("New York and Boston"),
            [nyc, boston],
            "a list of cities"
        );
        assert_eq!(entities("New York. Illinois voted"), [nyc, ill]);
    }

    #[test]
    fn names_stand_at_word_boundaries() {
        assert!(detect("Subjapan").is_empty());
        assert!(detect("Japanologie").is_empty());
        assert!(detect("japan").is_empty(), "a name keeps its capital");
    }

    #[test]
    fn fold_keeps_byte_offsets() {
        let text = "ÄÖÜ İstanbul ß";
        assert_eq!(fold(text).len(), text.len());
        assert_eq!(
            fold(text),
            "äöü İstanbul ß",
            "İ lowercases to two characters"
        );
        assert_eq!(fold("Südkorea"), "südkorea");
        assert_eq!(fold("ΑΘΗΝΑ Kyiv"), "αθηνα kyiv");
    }
}
