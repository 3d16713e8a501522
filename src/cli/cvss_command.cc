// `psirt cvss VECTOR... | -`: scores vectors; `-` reads one per line from
// stdin (batch mode). Invalid vectors are reported and the run exits 1, but
// every other vector is still scored.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "base/strings.h"
#include "core/cvss/cvss.h"
#include "formats/cvss_json.h"

namespace psirt::cli {
namespace {

// Scores one vector into `out` (JSON line or text); false when invalid.
bool ScoreOne(std::string_view vector, bool json, std::string& out, std::string& err) {
  auto r = ScoreCvss(vector);
  if (!r.ok()) {
    if (json) {
      AppendCvssErrorJson(vector, r.status().message(), out);
      out += '\n';
    } else {
      err += "psirt: " + Shown(vector) + ": " + EscapeControls(r.status().message(), false) + "\n";
    }
    return false;
  }
  if (json)
    AppendCvssJson(vector, *r, out);
  else
    out += CvssText(vector, *r);
  out += '\n';
  return true;
}

}  // namespace

void RegisterCvssCommand(CLI::App& app, CliContext& ctx) {
  auto vectors = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("cvss", "Score CVSS v2.0/v3.0/v3.1/v4.0 vectors ('-': stdin)");
  cmd->add_option("vector", *vectors, "Vectors, or - to read one per line from stdin")->required();
  cmd->callback([&ctx, vectors] {
    bool json = ctx.options.json;
    int bad = 0;
    std::string out, err;
    auto flush = [&] {
      std::fwrite(out.data(), 1, out.size(), stdout);
      std::fwrite(err.data(), 1, err.size(), stderr);
      out.clear();
      err.clear();
    };
    for (const std::string& v : *vectors) {
      if (v != "-") {
        bad += !ScoreOne(v, json, out, err);
        continue;
      }
      // Batch mode: read stdin in large blocks and score line by line.
      std::string buf, carry;
      buf.resize(1 << 20);
      auto handle = [&](std::string_view line) {
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) return;
        bad += !ScoreOne(line, json, out, err);
        if (out.size() > (1 << 16)) flush();
      };
      size_t n;
      while ((n = std::fread(buf.data(), 1, buf.size(), stdin)) > 0) {
        std::string_view chunk(buf.data(), n);
        size_t start = 0;
        for (size_t nl; (nl = chunk.find('\n', start)) != std::string_view::npos; start = nl + 1) {
          if (carry.empty()) {
            handle(chunk.substr(start, nl - start));
          } else {
            carry.append(chunk.substr(start, nl - start));
            handle(carry);
            carry.clear();
          }
        }
        carry.append(chunk.substr(start));
      }
      handle(carry);
    }
    flush();
    std::fflush(stdout);
    if (bad) {  // findings: reported inline, the rest scored; exit status 1
      std::string msg = "psirt: " + std::to_string(bad) + " invalid vector" + (bad > 1 ? "s" : "") + "\n";
      std::fwrite(msg.data(), 1, msg.size(), stderr);
      ctx.exit_code = 1;
    }
  });
}

}  // namespace psirt::cli
