// html-validate's configuration for the HTML part of the emails: the pages' rules, and one more
// allowance.
export default {
  root: true,
  extends: ["./.htmlvalidate.mjs"],
  rules: {
    // Many mail programs ignore <style> elements and linked style sheets: in an email, the style
    // attribute is the one way of styling that all of them keep.
    "no-inline-style": "off",
  },
};
