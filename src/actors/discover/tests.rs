use super::*;

fn names(text: &str) -> Vec<(String, ActorKind)> {
    discover(text).into_iter().map(|d| (d.name, d.kind)).collect()
}
