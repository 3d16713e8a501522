// Page frame, escaping and static assets of the dashboard.
#include "server/html.h"

#include "base/strings.h"
#include "core/text_rules.h"

namespace psirt::html {

std::string Esc(std::string_view in) {
  std::string s = SanitizeUtf8(in), out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    // Bidirectional controls (older data, imports) are shown, not obeyed.
    if (size_t n = BidiControlAt(s, i)) {
      out += "&#xFFFD;";
      i += n - 1;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += "&#xFFFD;";
        else out += c;
    }
  }
  return out;
}

std::string CsrfField(const std::string& token) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Esc(token) + "\">";
}

std::string Page(const Frame& f, const std::string& body) {
  std::string nav = "<a href=\"/\">Agenda</a> <a href=\"/advisories\">Advisories</a> <a href=\"/report\">Report a vulnerability</a>";
  if (f.role == "psirt" || f.role == "maintainer" || f.role == "release-manager") nav += " <a href=\"/modules\">Modules</a>";
  if (f.role == "psirt") nav += " <a href=\"/jobs\">Jobs</a> <a href=\"/cve-services\">CVE Services</a>";
  std::string who;
  if (f.user.empty()) {
    who = "<a href=\"/login\">Sign in</a>";
  } else {
    who = "<span class=\"who\">" + Esc(f.user) + " (" + Esc(f.role) + ")</span> <form method=\"post\" action=\"/logout\" class=\"inline\">" +
          CsrfField(f.csrf) + "<button type=\"submit\">Sign out</button></form>";
  }
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" + Esc(f.title) + " - psirt</title>"
         "<link rel=\"stylesheet\" href=\"/static/psirt.css\"><script src=\"/static/psirt.js\" defer></script></head>"
         "<body><header><strong>psirt</strong> <nav>" + nav + "</nav><div class=\"session\">" + who +
         "</div></header><main>" + body + "</main></body></html>\n";
}

const char* const kStylesheet = R"CSS(
body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{display:flex;gap:1.5em;align-items:center;padding:.6em 1.2em;background:#1f2d3d;color:#fff}
header a{color:#cfe3ff;margin-right:.8em}header .session{margin-left:auto}
main{padding:1em 1.5em;max-width:78em}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #dde1e6;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#eef1f5}.overdue{color:#b00020;font-weight:600}.due-soon{color:#a15c00}
.state{display:inline-block;padding:0 .4em;border-radius:.3em;background:#e3e8ef}
.state-Public{background:#d7f3dd}.state-Rejected{background:#f3d7d7}
form.inline{display:inline}fieldset{margin:.6em 0;background:#fff;border:1px solid #dde1e6}
label{display:grid;gap:.2em;margin:.5em 0;max-width:40em}label:has(>input[type=checkbox]){display:block}input[type=text],input[type=email],input[type=password],textarea,select{width:100%;max-width:40em}
.error{background:#fde7ea;border:1px solid #f3b2bc;padding:.5em}.field-error{color:#b00020;display:block}.notice{background:#e8f4ff;border:1px solid #b5d7ff;padding:.5em}
.actions{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(20em,100%),1fr));gap:.6em;align-items:start}
.timeline li{margin:.2em 0}.muted{color:#5f6b7a}
.token{white-space:nowrap}code.vector{overflow-wrap:anywhere;word-break:break-all}
.markdown{background:#fff;border:1px solid #dde1e6;padding:.2em 1em;overflow-wrap:break-word}.markdown pre{overflow-x:auto;background:#f3f4f6;padding:.5em}
.markdown table{width:auto}.scroll{overflow-x:auto;max-width:100%}ul.plain{list-style:none;padding:0;margin:0}
details.action{background:#fff;border:1px solid #dde1e6;padding:.4em .6em}details.action summary{cursor:pointer;font-weight:600}
details.action form{margin-top:.4em}details.cvss{margin:.6em 0}details.cvss table{width:auto}
table.details th{width:10em}
#private-link{word-break:break-all}
main{overflow-wrap:break-word}.timeline li{overflow-wrap:anywhere}input,select,textarea{box-sizing:border-box;max-width:100%}
@media (max-width:40em){
header{flex-wrap:wrap;gap:.4em;padding:.5em .8em}header nav{display:flex;flex-wrap:wrap;gap:.2em .8em}header a{margin-right:0}
header .session{margin-left:0}main{padding:.6em .8em}table.details th{width:auto}
table.details,table.details tbody,table.details tr,table.details th,table.details td{display:block}table.details th{border-bottom:0;padding-bottom:0;background:none;color:#5f6b7a}
h1{font-size:1.3em;overflow-wrap:anywhere}
table:not(.details){display:block;overflow-x:auto}
}
.overview{display:flex;flex-wrap:wrap;gap:.5em;list-style:none;padding:0}.overview li{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.4em .8em}.overview li.overdue{border-color:#b42318;color:#b42318}.overview a{text-decoration:none}
)CSS";

// Progressive enhancement only: live embargo countdowns and a confirmation
// before irreversible moves. Every page works without it.
const char* const kScript = R"JS(
(function(){
  function tick(){
    var now=Date.now();
    document.querySelectorAll('[data-deadline]').forEach(function(el){
      var end=Date.parse(el.getAttribute('data-deadline')+'T00:00:00Z');
      if(isNaN(end))return;
      var days=Math.ceil((end-now)/86400000);
      el.textContent=days<0?(-days)+' days overdue':(days===0?'due today':days+' days left');
      el.className=days<0?'overdue':(days<=7?'due-soon':'');
    });
  }
  document.addEventListener('DOMContentLoaded',function(){
    tick();setInterval(tick,60000);
    document.querySelectorAll('form[data-confirm]').forEach(function(f){
      f.addEventListener('submit',function(e){if(!confirm(f.getAttribute('data-confirm')))e.preventDefault();});
    });
    // Copy buttons: the private link to the clipboard.
    document.querySelectorAll('button[data-copy]').forEach(function(b){
      b.hidden=false;
      b.addEventListener('click',function(){
        var el=document.getElementById(b.getAttribute('data-copy'));
        if(!el||!navigator.clipboard)return;
        navigator.clipboard.writeText(el.textContent).then(function(){b.textContent='Copied';});
      });
    });
    // A file over the server's limit is refused before it is sent, so
    // nothing typed is lost (the server checks again).
    document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function(input){
      var max=parseInt(input.getAttribute('data-max-bytes'),10);
      var note=document.getElementById(input.id+'-error');
      function check(){
        var big=input.files&&input.files.length&&input.files[0].size>max;
        input.setCustomValidity(big?'This file is larger than '+Math.floor(max/1024)+' KiB.':'');
        if(note){note.textContent=big?input.validationMessage:'';note.hidden=!big;}
        return !big;
      }
      input.addEventListener('change',check);
      input.form.addEventListener('submit',function(e){if(!check()){e.preventDefault();input.reportValidity();}});
    });
  });
})();
)JS";

}  // namespace psirt::html
