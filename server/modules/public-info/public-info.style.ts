/**
 * The public page's whole stylesheet: system fonts, one column, colours at 4.5:1 or more on white
 * (text #1b1f24, links and buttons #0b57a4, errors #a4161a), a focus ring on everything that takes
 * focus, and a print layout without the form and the language switch.
 */
export const PUBLIC_CSS = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.55;color:#1b1f24;background:#fff}
body{margin:0}
.wrap{max-width:44rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header{border-bottom:4px solid #0b57a4;padding:.75rem 0}
header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
a{color:#0b57a4}
a[aria-current]{font-weight:700;color:#1b1f24}
:focus-visible{outline:3px solid #b35900;outline-offset:2px}
h1{font-size:1.75rem;line-height:1.25;margin:1.5rem 0 .75rem}
h2{font-size:1.3rem;margin:2rem 0 .5rem}
.line{border:2px solid #0b57a4;border-radius:6px;padding:1rem;margin:1.5rem 0}
.phone{font-size:1.6rem;font-weight:700;white-space:nowrap}
.note{background:#f1f4f8;border-left:4px solid #0b57a4;padding:.5rem .75rem}
fieldset{border:1px solid #6b7380;border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:600;padding:0 .25rem}
label{display:block;margin:.35rem 0}
.field{margin:1rem 0}
.field>label{font-weight:600}
.hint{color:#4a5260;font-size:.95rem;margin:.1rem 0 .3rem}
input[type=text],input[type=tel],input[type=email],select,textarea{display:block;width:100%;max-width:32rem;font:inherit;padding:.45rem;border:1px solid #6b7380;border-radius:4px;color:inherit;background:#fff}
textarea{min-height:7rem}
input[type=radio],input[type=checkbox]{width:1.1rem;height:1.1rem;margin-right:.4rem;vertical-align:-.15rem}
button{font:inherit;font-weight:600;color:#fff;background:#0b57a4;border:0;border-radius:4px;padding:.65rem 1.25rem;cursor:pointer}
.error{color:#a4161a;font-weight:600}
.summary{border:3px solid #a4161a;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{border-top:1px solid #6b7380;margin-top:3rem;padding:1rem 0;font-size:.95rem}
@media print{header nav,.form,.skip,footer .staff{display:none}a{color:#000;text-decoration:none}.line{border-color:#000}html{font-size:11pt}}
`
  .trim()
  .replace(/\n/g, '')
