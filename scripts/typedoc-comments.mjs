// TypeDoc plugin (typedoc.json): lib/index.ts exports most tg.* functions by destructuring a kw()-wrapped table
// (`export const { sinh, cosh } = api.elementwiseMath`). TypeDoc documents such a name from its signature, so a
// function made by a factory (savingSelf('sinh', ...)) shows no comment although its const carries one. For a
// destructured export without a comment this takes the comment of the table's member it destructures, the
// same declaration scripts/doc-coverage.mjs checks.
import ts from 'typescript';

export function load(app) {
  app.converter.on(app.converter.constructor.EVENT_CREATE_DECLARATION, (context, reflection) => {
    const hasComment = reflection.comment || reflection.signatures?.some((s) => s.comment);
    if (hasComment) return;
    const symbol = context.getSymbolFromReflection(reflection);
    const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!decl || !ts.isBindingElement(decl) || !ts.isVariableDeclaration(decl.parent.parent) || !decl.parent.parent.initializer) return;
    const checker = context.checker;
    const key = (decl.propertyName ?? decl.name).getText();
    let prop = checker.getTypeAtLocation(decl.parent.parent.initializer).getProperty(key);
    if (prop && prop.flags & ts.SymbolFlags.Alias) prop = checker.getAliasedSymbol(prop);
    if (!prop) return;
    const comment = context.getComment(prop, reflection.kind);
    if (comment) reflection.comment = comment;
  });
}
