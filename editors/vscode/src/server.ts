/** The bundled language server's entry (dist/server.js): the same server as `schema-assistant lsp --stdio`. */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "../../../cli/lsp/server";

startServer(createConnection(ProposedFeatures.all));
