// Lifecycle actions' fields from API bodies and dashboard forms (server/action_fields.h).
#include "server/action_fields.h"

#include "base/strings.h"
#include "server/http_util.h"

namespace psirt {
namespace {

class FormFields : public ActionFields {
 public:
  explicit FormFields(const http::Request& req) : req_(req) {}
  Result<std::optional<std::string>> Text(const char* name) const override {
    std::string v = req_.Param(name);
    return v.empty() ? std::optional<std::string>() : std::optional<std::string>(std::move(v));
  }
  Result<std::vector<std::string>> List(const char* name) const override {
    std::vector<std::string> out;
    const std::string v = req_.Param(name);
    for (std::string_view x : SplitViews(v, ',')) {
      std::string t = Trim(std::string(x));
      if (!t.empty()) out.push_back(std::move(t));
    }
    return out;
  }
  Result<bool> Flag(const char* name) const override { return req_.Param(name) == "1"; }

 private:
  const http::Request& req_;
};

}  // namespace

Result<std::unique_ptr<ActionFields>> JsonActionFields(const http::Request& req, const ActionSpec& action) {
  PSIRT_ASSIGN_OR_RETURN(http::JsonBody b, http::JsonBody::Read(req, action.fields));
  return JsonObjectFields(b.json(), action);
}

std::unique_ptr<ActionFields> FormActionFields(const http::Request& req) { return std::make_unique<FormFields>(req); }

}  // namespace psirt
