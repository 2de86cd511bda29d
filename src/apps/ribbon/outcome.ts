// The ribbon Refresh's outcome dialog: shows the title and text it was opened with.
const params = new URLSearchParams(window.location.search);
document.getElementById('title')!.textContent = params.get('title') ?? 'Throughline';
document.getElementById('text')!.textContent = params.get('text') ?? '';
Office.onReady(() => {
  document.getElementById('close')!.addEventListener('click', () => Office.context.ui.messageParent('close'));
});
