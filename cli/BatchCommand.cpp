// `iliometry batch ROOT|MANIFEST.csv -o OUTDIR [-j N] [--shard I/N] ...`: finds the studies,
// runs workflow::runBatch, shows progress (a bar on a terminal, plain lines otherwise) and
// maps the outcome to an exit code (docs/batch.md). Ctrl-C stops starting new studies; a
// second Ctrl-C ends the process at once (nothing finished is lost either way).
#include "Commands.h"

#include "iliometry/workflow/BatchDiscovery.h"
#include "iliometry/workflow/BatchRunner.h"
#include "iliometry/workflow/BatchShard.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <unistd.h>

namespace iliometry::cli {

namespace {

struct BatchArguments {
  std::string input;
  std::string outputDir;
  unsigned jobs = 1;
  std::string shard;
  std::string seriesUid;
  std::optional<double> heightM;
  double thresholdPercent = AsymmetryOptions{}.thresholdPercent;
  std::string psoasBasis = AsymmetryOptions{}.psoasPrimaryBasis;
  std::string iliacusBasis = AsymmetryOptions{}.iliacusPrimaryBasis;
  std::string modality;
  bool anonymize = false;
  std::string anonymizeSecret; // empty: from the environment
  bool retryFailed = false;
  double tableIntervalS = 5.0;
  bool quiet = false;
};

constexpr int kInterruptedExitCode = 130; // 128 + SIGINT, as shells report it
constexpr unsigned kBarWidthChars = 30;

// SIGINT and SIGTERM are blocked in every thread and taken by this watcher with sigtimedwait,
// so that the stop request is made from an ordinary thread (a signal handler may not touch a
// std::stop_source). The first signal asks the batch to stop; the second exits at once, which
// is safe because every output and record is written atomically.
class InterruptWatcher {
public:
  InterruptWatcher() {
    sigemptyset(&m_signals);
    sigaddset(&m_signals, SIGINT);
    sigaddset(&m_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &m_signals, &m_previousMask);
    m_thread = std::jthread([this](std::stop_token ownStop) { watch(ownStop); });
  }
  ~InterruptWatcher() {
    m_thread.request_stop();
    m_thread.join();
    pthread_sigmask(SIG_SETMASK, &m_previousMask, nullptr);
  }
  std::stop_token stopToken() const { return m_batchStop.get_token(); }

private:
  void watch(const std::stop_token& ownStop) {
    const timespec poll{0, 200'000'000};
    while (!ownStop.stop_requested()) {
      if (sigtimedwait(&m_signals, nullptr, &poll) < 0) continue;
      if (m_batchStop.stop_requested()) _exit(kInterruptedExitCode);
      std::fputs("\niliometry: interrupted: finishing the studies in progress (interrupt again to stop now; "
                 "a rerun resumes)\n",
                 stderr);
      m_batchStop.request_stop();
    }
  }
  sigset_t m_signals{}, m_previousMask{};
  std::stop_source m_batchStop;
  std::jthread m_thread;
};

class ProgressPrinter {
public:
  explicit ProgressPrinter(bool quiet) : m_quiet(quiet), m_terminal(isatty(STDERR_FILENO) == 1) {}
  void operator()(const workflow::BatchEvent& event) {
    if (m_quiet) return;
    if (m_terminal) {
      std::fprintf(stderr, "\r%s\033[K", workflow::progressBarLine(event.progress, kBarWidthChars).c_str());
      if (event.kind == workflow::BatchEventKind::Finished && event.status == workflow::StudyStatus::Failed)
        std::fprintf(stderr, "\r\033[K%s failed: %s\n%s", event.studyId.c_str(), event.message.c_str(),
                     workflow::progressBarLine(event.progress, kBarWidthChars).c_str());
      std::fflush(stderr);
      return;
    }
    if (event.kind == workflow::BatchEventKind::Started) return;
    const bool ok = event.status == workflow::StudyStatus::Ok;
    std::string detail;
    if (event.kind == workflow::BatchEventKind::Skipped)
      detail = "(done before, kept)";
    else if (ok) {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "(%.1f s)", event.studyElapsedS);
      detail = seconds;
    } else {
      detail = event.message;
    }
    const bool freshFailure = !ok && event.kind == workflow::BatchEventKind::Finished;
    std::fprintf(stderr, "%s\n",
                 workflow::progressLogLine(event.progress, event.studyId,
                                           ok             ? "ok"
                                           : freshFailure ? "failed:"
                                                          : "failed",
                                           detail)
                     .c_str());
  }
  void finish() {
    if (!m_quiet && m_terminal) std::fputc('\n', stderr);
  }

private:
  bool m_quiet, m_terminal;
};

Result<workflow::BatchOptions> batchOptions(const BatchArguments& arguments) {
  workflow::BatchOptions options;
  options.outputDir = arguments.outputDir;
  options.jobs = arguments.jobs;
  options.retryFailed = arguments.retryFailed;
  options.tableInterval = std::chrono::milliseconds(static_cast<long long>(arguments.tableIntervalS * 1000.0));
  options.measure.seriesInstanceUid = arguments.seriesUid;
  options.measure.heightM = arguments.heightM;
  options.measure.asymmetry.thresholdPercent = arguments.thresholdPercent;
  options.measure.asymmetry.psoasPrimaryBasis = arguments.psoasBasis;
  options.measure.asymmetry.iliacusPrimaryBasis = arguments.iliacusBasis;
  if (!arguments.modality.empty()) {
    auto modality = workflow::parseModality(arguments.modality);
    if (!modality) return modality.error();
    options.measure.modality = modality.value();
  }
  if (arguments.anonymize) {
    const char* fromEnvironment = std::getenv(workflow::kAnonymizeSecretEnvironmentVariable);
    std::string secret =
        !arguments.anonymizeSecret.empty() ? arguments.anonymizeSecret : (fromEnvironment ? fromEnvironment : "");
    if (secret.empty())
      return makeError(ErrorCode::InvalidArgument,
                       std::string("--anonymize: no secret (expected --anonymize-secret or ") +
                           workflow::kAnonymizeSecretEnvironmentVariable + ")");
    options.measure.anonymizeSecret = std::move(secret);
  }
  return options;
}

Result<void> runBatchCommand(const BatchArguments& arguments, int& exitCode) {
  auto options = batchOptions(arguments);
  if (!options) return options.error();
  auto found = workflow::findStudies(arguments.input);
  if (!found) return found.error();
  for (const auto& warning : found.value().warnings)
    std::cerr << "warning: " << warning << '\n';
  std::vector<workflow::BatchStudy> studies = std::move(found.value().studies);
  if (!arguments.shard.empty()) {
    auto shard = workflow::parseShard(arguments.shard);
    if (!shard) return shard.error();
    studies = workflow::selectShard(std::move(studies), shard.value());
    options.value().planLabel = "shard " + workflow::shardLabel(shard.value());
    std::cerr << "shard " << workflow::shardLabel(shard.value()) << ": " << studies.size() << " studies\n";
  }

  ProgressPrinter printer(arguments.quiet);
  Result<workflow::BatchSummary> summary = [&] {
    InterruptWatcher interrupts;
    return workflow::runBatch(studies, options.value(), std::ref(printer), interrupts.stopToken());
  }();
  printer.finish();
  if (!summary) return summary.error();

  const auto& result = summary.value();
  std::cout << result.progress.ok << " ok, " << result.progress.failed << " failed";
  if (result.progress.skipped) std::cout << " (" << result.progress.skipped << " kept from an earlier run)";
  if (result.notRun) std::cout << ", " << result.notRun << " not run";
  std::cout << "\nWrote " << result.csvPath.string() << ", " << result.jsonPath.string() << '\n';
  for (const auto& id : result.failedIds)
    std::cerr << "failed: " << id << " (see " << (std::filesystem::path(arguments.outputDir) / id).string() << ")\n";
  if (result.stopped)
    exitCode = kInterruptedExitCode;
  else if (result.progress.failed > 0)
    exitCode = kSomeStudiesFailedExitCode;
  return {};
}

} // namespace

void addBatchCommand(CLI::App& app, CommandRunner& runner, int& exitCode) {
  auto arguments = std::make_shared<BatchArguments>();
  auto* command = app.add_subcommand(
      "batch", "Measure every study of a cohort in parallel into OUTDIR/<id>/ and write cohort.csv and cohort.json; "
               "a rerun resumes");
  command
      ->add_option("input", arguments->input,
                   "folder with one sub-folder (or NIfTI/NRRD/MHA file) per study, or a manifest .csv "
                   "(id,path[,height_m][,series_uid])")
      ->required();
  command->add_option("-o,--output", arguments->outputDir, "output folder (created if missing)")->required();
  command->add_option("-j,--jobs", arguments->jobs, "studies measured at once")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--shard", arguments->shard, "measure only shard I of N (1 <= I <= N), e.g. a Slurm array task");
  command->add_flag("--retry-failed", arguments->retryFailed, "redo studies that failed in an earlier run");
  command->add_option("--series", arguments->seriesUid,
                      "Series Instance UID to measure in every study (rarely useful)");
  command->add_option("--height-m", arguments->heightM, "height in metres for studies the manifest gives none");
  command
      ->add_option("--asymmetry-threshold", arguments->thresholdPercent,
                   "asymmetry index (%) above which a muscle is flagged")
      ->capture_default_str();
  command->add_option("--psoas-basis", arguments->psoasBasis, "psoas major verdict basis")->capture_default_str();
  command->add_option("--iliacus-basis", arguments->iliacusBasis, "iliacus verdict basis")->capture_default_str();
  command->add_option("--modality", arguments->modality, "treat every input as CT or MR, whatever it states");
  command->add_option("--table-interval-s", arguments->tableIntervalS, "rewrite the cohort tables at most this often")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--anonymize", arguments->anonymize,
                    "pseudonymise patient identifiers in every output and leave input paths out of the tables");
  command->add_option("--anonymize-secret", arguments->anonymizeSecret,
                      std::string("secret keying the pseudonyms (default: $") +
                          workflow::kAnonymizeSecretEnvironmentVariable + ")");
  command->add_flag("--quiet", arguments->quiet, "no progress on stderr");
  command->callback([&runner, &exitCode, arguments] {
    runner.set([arguments, &exitCode] { return runBatchCommand(*arguments, exitCode); });
  });
}

} // namespace iliometry::cli
