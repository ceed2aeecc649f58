export function renderAbout(root: HTMLElement): void {
  const text = document.createElement('p');
  text.textContent = 'A small planner for road trips. It is the example app whose build output roadstop measures against its budgets.';
  root.replaceChildren(text);
}
