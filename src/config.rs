//! The configuration file: TOML, in `$XDG_CONFIG_HOME/dossier/config.toml` (or `--config
//! FILE`), every key optional. `dossier --print-config` prints the default, whose `[keys.*]`
//! tables are generated from the same table as the help and the README. Unknown keys and bad
//! values are errors that name the key and the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::app::keymap::Keymap;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Gazetteer files always added (like `--gazetteer`).
    pub gazetteers: Vec<PathBuf>,
    pub review: ReviewConfig,
    pub layout: LayoutConfig,
    pub theme: ThemeConfig,
    pub cache: CacheConfig,
    /// Saved queries: name → query, shown in turn by `v`.
    pub views: BTreeMap<String, String>,
    /// Rebindings: context → action → keys.
    pub keys: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewConfig {
    /// The labels toggled by the keys 1-9, in order.
    pub labels: Vec<String>,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig { labels: crate::review::DEFAULT_LABELS.iter().map(|l| l.to_string()).collect() }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LayoutConfig {
    /// The list's share of the width (or height, when stacked), in percent (15-85).
    pub list_percent: u16,
    /// Draw borders with ASCII (`+`, `-`, `|`) for terminals without line drawing.
    pub ascii_borders: bool,
}

impl Default for LayoutConfig {
    fn default() -> Self {
        LayoutConfig { list_percent: 40, ascii_borders: false }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CacheConfig {
    /// The index cache folder's size in MB: after a cache is written, the caches of the corpora
    /// opened least recently are deleted until the folder fits (the new one always stays).
    pub limit_mb: u64,
}

impl Default for CacheConfig {
    fn default() -> Self {
        CacheConfig { limit_mb: crate::cache::DEFAULT_LIMIT_MB }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    /// No colour, as with `NO_COLOR`: meaning carried by bold, reverse and underline.
    pub monochrome: bool,
    /// Colours by role: `query_match = "yellow"`, `person = "#7fbf7f"`, `selected = "blue"`
    /// (names, `#rrggbb` or 0-255; the roles are those of `dossier --print-config`).
    pub colors: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// `$XDG_CONFIG_HOME/dossier/config.toml`, else `~/.config/dossier/config.toml`.
    pub fn default_path() -> Option<PathBuf> {
        let absolute = |v: Option<std::ffi::OsString>| v.map(PathBuf::from).filter(|p| p.is_absolute());
        let base = absolute(std::env::var_os("XDG_CONFIG_HOME"))
            .or_else(|| absolute(std::env::var_os("HOME")).map(|h| h.join(".config")))?;
        Some(base.join("dossier").join("config.toml"))
    }

    /// Reads `path`; `required` says whether a missing file is an error (`--config`) or the
    /// defaults (the usual place).
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Config::default()),
            Err(source) => Err(ConfigError::Read { path: path.to_path_buf(), source }),
        }
    }

    /// Parses and checks a config; errors name the key (and line) and the file.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid { path: path.to_path_buf(), message };
        let config: Config =
            toml::from_str(text).map_err(|e| invalid(e.to_string().trim_end().to_string()))?;
        if !(15..=85).contains(&config.layout.list_percent) {
            return Err(invalid(format!(
                "layout.list_percent = {}: must be between 15 and 85",
                config.layout.list_percent
            )));
        }
        if config.review.labels.len() > 9 {
            return Err(invalid(format!(
                "review.labels has {} labels: keys 1-9 take at most 9",
                config.review.labels.len()
            )));
        }
        if let Some(bad) = config.review.labels.iter().find(|l| l.trim().is_empty() || l.contains(';')) {
            return Err(invalid(format!("review.labels: {bad:?} cannot be a label (empty, or has ';')")));
        }
        config.keymap().map_err(invalid)?;
        crate::ui::theme::with_colors(crate::ui::theme::COLOR, &config.theme.colors).map_err(invalid)?;
        Ok(config)
    }

    /// The keys in force with this config's rebindings.
    pub fn keymap(&self) -> Result<Keymap, String> {
        Keymap::with_overrides(&self.keys)
    }

    /// The default configuration, as `--print-config` shows it.
    pub fn default_toml() -> String {
        let labels: Vec<String> = crate::review::DEFAULT_LABELS.iter().map(|l| format!("{l:?}")).collect();
        format!(
            "# dossier configuration: {path}\n\
             # Every key is optional; this is the default. Unknown keys are errors.\n\
             \n\
             # Gazetteer files always added (JSON or PETRARCH), like --gazetteer.\n\
             gazetteers = []\n\
             \n\
             [review]\n\
             # The labels the keys 1-9 toggle, in order (at most 9).\n\
             labels = [{labels}]\n\
             \n\
             [layout]\n\
             # The list's share of the screen in percent (15-85); below 90 columns the panes stack.\n\
             list_percent = 40\n\
             # Borders drawn with + - | for terminals without line drawing.\n\
             ascii_borders = false\n\
             \n\
             [cache]\n\
             # The index cache folder's size in MB; the corpora opened least recently go first.\n\
             limit_mb = {cache_limit}\n\
             \n\
             [theme]\n\
             # No colour (also when NO_COLOR is set): bold, reverse and underline carry the meaning.\n\
             monochrome = false\n\
             \n\
             [theme.colors]\n\
             # Colours by role (names, #rrggbb or 0-255): {roles}\n\
             # query_match = \"yellow\"\n\
             \n\
             [views]\n\
             # Saved queries, shown in turn with v. For example:\n\
             # leaders = \"@assad | @putin | @erdogan\"\n\
             \n\
             # Keys by action name; each action's keys replace the default ones.{keys}",
            path = Config::default_path()
                .map_or("~/.config/dossier/config.toml".into(), |p| p.display().to_string()),
            labels = labels.join(", "),
            cache_limit = crate::cache::DEFAULT_LIMIT_MB,
            roles = crate::ui::theme::ROLES.join(", "),
            keys = Keymap::default().config_toml(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("/etc/dossier.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn the_printed_default_parses_to_the_default() {
        let printed = parse(&Config::default_toml()).unwrap();
        assert_eq!(printed.keymap().unwrap(), Keymap::default(), "the keys written are the default keys");
        assert_eq!(Config { keys: BTreeMap::new(), ..printed }, Config::default());
    }

    #[test]
    fn settings_are_read() {
        let c = parse(
            "gazetteers = [\"/data/my.json\"]\n[review]\nlabels = [\"oui\", \"non\"]\n[layout]\nlist_percent = 55\nascii_borders = true\n[views]\nsyrie = \"@assad idlib\"\n[keys.list]\nselect-next = [\"Ctrl-j\"]\n",
        )
        .unwrap();
        assert_eq!(c.review.labels, ["oui", "non"]);
        assert_eq!(c.layout.list_percent, 55);
        assert!(c.layout.ascii_borders);
        assert_eq!(c.views["syrie"], "@assad idlib");
        assert_eq!(c.gazetteers, [PathBuf::from("/data/my.json")]);
        assert!(c.keymap().is_ok());
    }

    #[test]
    fn colours_are_checked_by_role_and_value() {
        assert!(parse("[theme.colors]\nquery_match = \"#ff8800\"\nperson = \"green\"\n").is_ok());
        let role = parse("[theme.colors]\nsparkles = \"red\"\n").unwrap_err();
        assert!(role.contains("theme.colors.sparkles"), "{role}");
        let value = parse("[theme.colors]\nselected = \"bluish\"\n").unwrap_err();
        assert!(value.contains("\"bluish\""), "{value}");
    }

    #[test]
    fn errors_name_the_key_and_the_file() {
        let unknown = parse("[layout]\nlist_precent = 50\n").unwrap_err();
        assert!(unknown.starts_with("/etc/dossier.toml: ") && unknown.contains("list_precent"), "{unknown}");
        let wrong_type = parse("[review]\nlabels = \"relevant\"\n").unwrap_err();
        assert!(wrong_type.contains("labels"), "{wrong_type}");
        let range = parse("[layout]\nlist_percent = 95\n").unwrap_err();
        assert!(range.contains("layout.list_percent = 95"), "{range}");
        let action = parse("[keys.list]\nfly = [\"x\"]\n").unwrap_err();
        assert!(action.contains("[keys.list] has no action `fly`"), "{action}");
        let key = parse("[keys.list]\nselect-next = [\"Hyper-x\"]\n").unwrap_err();
        assert!(key.contains("unknown key `Hyper-x`"), "{key}");
    }
}
