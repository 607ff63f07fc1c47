use std::collections::HashMap;

use serde::Deserialize;

use crate::templates::{Diagnostic, parse};

const FILE: &str = "ctd/ctd-tree.toml";

/// One heading of the ICH CTD (Modules 2–5), keyed by its M4 code.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CtdNode {
    pub code: String,
    pub title: String,
    pub title_zh_hans: Option<String>,
    pub title_zh_hant: Option<String>,
    /// eCTD v3.2.2 element name in `ich-ectd-3-2.dtd`.
    pub element: String,
    /// Last folder segment, when the node has a folder of its own.
    pub folder: Option<String>,
    pub parent: Option<String>,
    /// What the node repeats over: `substance-manufacturer`, `product`, `excipient`, …
    pub repeat: Option<String>,
    pub instance_folder: Option<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    #[serde(default, rename = "node")]
    nodes: Vec<CtdNode>,
    #[allow(dead_code)]
    meta: Option<toml::Value>,
}

#[derive(Debug, Default)]
pub struct CtdTree {
    nodes: Vec<CtdNode>,
    by_code: HashMap<String, usize>,
    by_folder: HashMap<String, usize>,
    /// Parent of each node by index, so ancestry is a walk over integers (gap analysis asks it
    /// hundreds of thousands of times on a large project).
    parent: Vec<Option<usize>>,
    /// Each node and everything below it, by index.
    subtree: Vec<Vec<usize>>,
}

impl CtdTree {
    pub(crate) fn load(source: &dyn crate::templates::Source, diags: &mut Vec<Diagnostic>) -> CtdTree {
        let Some((file, text)) = parse::<File>(source, FILE, diags) else { return CtdTree::default() };
        let at = |code: &str, message: String| {
            let offset = text.find(&format!("code = \"{code}\"")).unwrap_or(0);
            Diagnostic::at(FILE, &text, offset, message)
        };
        let mut tree = CtdTree::default();
        for (i, node) in file.nodes.iter().enumerate() {
            if tree.by_code.insert(node.code.clone(), i).is_some() {
                diags.push(at(&node.code, format!("code `{}` appears twice", node.code)));
            }
            if let Some(folder) = &node.folder {
                tree.by_folder.insert(folder.clone(), i);
            }
            if let Some(instance) = &node.instance_folder {
                tree.by_folder.entry(instance.clone()).or_insert(i);
            }
        }
        for node in &file.nodes {
            if let Some(parent) = &node.parent {
                if !tree.by_code.contains_key(parent) {
                    diags.push(at(&node.code, format!("node `{}` names parent `{parent}`, which is not in the tree", node.code)));
                }
            }
        }
        tree.nodes = file.nodes;
        tree.parent = tree.nodes.iter().map(|n| n.parent.as_ref().and_then(|p| tree.by_code.get(p).copied())).collect();
        tree.subtree = vec![Vec::new(); tree.nodes.len()];
        for i in 0..tree.nodes.len() {
            let mut at = Some(i);
            // A malformed file could make a cycle; the depth bound keeps loading total.
            for _ in 0..=tree.nodes.len() {
                let Some(a) = at else { break };
                tree.subtree[a].push(i);
                at = tree.parent[a];
            }
        }
        tree
    }

    pub fn nodes(&self) -> &[CtdNode] {
        &self.nodes
    }

    pub fn get(&self, code: &str) -> Option<&CtdNode> {
        self.by_code.get(code).map(|&i| &self.nodes[i])
    }

    /// The node whose eCTD folder segment is `folder` (e.g. `32p51-spec` → 3.2.P.5.1).
    pub fn by_folder(&self, folder: &str) -> Option<&CtdNode> {
        self.by_folder.get(folder).map(|&i| &self.nodes[i])
    }

    /// True when `code` is `ancestor` or lies below it.
    pub fn is_within(&self, code: &str, ancestor: &str) -> bool {
        let (Some(&i), Some(&a)) = (self.by_code.get(code), self.by_code.get(ancestor)) else { return false };
        let mut at = Some(i);
        for _ in 0..=self.nodes.len() {
            match at {
                Some(n) if n == a => return true,
                Some(n) => at = self.parent[n],
                None => return false,
            }
        }
        false
    }

    /// `code` and every node below it.
    pub fn subtree(&self, code: &str) -> impl Iterator<Item = &CtdNode> {
        self.by_code.get(code).into_iter().flat_map(|&i| self.subtree[i].iter().map(|&j| &self.nodes[j]))
    }
}
