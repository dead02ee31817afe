// Zed starts the Schema Assistant language server of the project: `npx schema-assistant lsp --stdio`, run in the
// worktree (a Convex project with schema-assistant installed). `lsp.schema-assistant.binary` in Zed's settings
// overrides the command.
use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct SchemaAssistant;

impl zed::Extension for SchemaAssistant {
    fn new() -> Self {
        SchemaAssistant
    }

    fn language_server_command(&mut self, id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        if let Some(binary) = LspSettings::for_worktree(id.as_ref(), worktree).ok().and_then(|s| s.binary) {
            if let Some(path) = binary.path {
                return Ok(zed::Command { command: path, args: binary.arguments.unwrap_or_default(), env: Default::default() });
            }
        }
        let npx = worktree.which("npx").ok_or("npx is not on PATH: install Node.js, or set lsp.schema-assistant.binary")?;
        Ok(zed::Command {
            command: npx,
            args: vec!["schema-assistant".into(), "lsp".into(), "--stdio".into()],
            env: Default::default(),
        })
    }
}

zed::register_extension!(SchemaAssistant);
