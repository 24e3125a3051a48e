// html-validate's configuration for the pages the tests render (see
// tests/Petitions.Tests/Hardening/StandardValidatorTests.cs); emails.htmlvalidate.mjs adds to it for
// emails. A JavaScript file rather than JSON so that every rule turned off says why beside it.
export default {
  root: true,
  extends: ["html-validate:recommended"],
  rules: {
    // Razor writes the indentation of its code blocks into the page; whitespace at the end of a
    // line means nothing in HTML.
    "no-trailing-whitespace": "off",
    // ASP.NET Core writes its antiforgery field self-closed (<input ... />) and the templates
    // write void elements without a slash; HTML reads both the same.
    "void-style": "off",
    // Razor writes a boolean attribute that is true as required="required", which HTML allows.
    "attribute-boolean-style": "off",
    // The rule counts a title's characters as written, and ASP.NET Core writes letters outside
    // Latin as character references (&#xC774; for 이): a title of twenty Korean or Arabic letters
    // counts as over a hundred.
    "long-title": "off",
  },
};
