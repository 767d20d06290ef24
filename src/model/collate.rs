//! Names in the order readers expect: the Unicode Collation Algorithm (feruca, the CLDR root order), so
//! "Đorđe", "Émile" and "Łukasz" sort among the Latin letters and "李娜" after them, not by bytes.

use feruca::Collator;
use std::cell::RefCell;
use std::cmp::Ordering;

thread_local! {
    static COLLATOR: RefCell<Collator> = RefCell::new(Collator::default());
}

/// Compares two names in collation order (ties broken by bytes, so the order is total).
pub fn names(a: &str, b: &str) -> Ordering {
    COLLATOR
        .with(|c| c.borrow_mut().collate(a, b))
        .then_with(|| a.cmp(b))
}

/// A name as rosters and trackers are joined on: case, accents and spaces set aside ("María  José
/// GARCIA" and "Maria Jose Garcia" are one person).
pub fn name_key(name: &str) -> String {
    deunicode::deunicode(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The positions of `list` in collation order of their names.
pub fn order<'a>(list: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let names: Vec<&str> = list.into_iter().collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|i, j| self::names(names[*i], names[*j]));
    order
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn order_gives_positions_by_name() {
        assert_eq!(super::order(["Zoë", "Łukasz", "Aisha"]), [2, 1, 0]);
    }

    #[test]
    fn accented_and_non_latin_names_sort_as_readers_expect() {
        let mut list = vec![
            "Zoë Adams",
            "Łukasz Wiśniewski",
            "李娜",
            "Đorđe Petrović",
            "Aisha Okafor",
            "Émile Zola",
            "zed",
        ];
        list.sort_by(|a, b| names(a, b));
        assert_eq!(
            list,
            [
                "Aisha Okafor",
                "Đorđe Petrović",
                "Émile Zola",
                "Łukasz Wiśniewski",
                "zed",
                "Zoë Adams",
                "李娜"
            ]
        );
    }
}
