#pragma once

class AppSettings;
class MainWindow;

/// Installs the proactive-evolution pages — Trends, Mutations, Versions — into their slots of the
/// main window and wires them to the session's EvolutionHub: the trend analysis and version
/// comparisons computed on the engine thread, the mutation ledger kept in the settings' database,
/// and "Mark for evolution" on the drift page, which records a proposal in the ledger.
void installEvolutionPages(MainWindow *window, AppSettings *settings);
