// The send form's page script. It only collects what the user types and shows what the extension says:
// every rule (required fields, email syntax, limits) is decided by src/model/sendForm.ts in the extension.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const initial = JSON.parse(document.getElementById('signdesk-send-state').textContent);

  /** @type {{ title: string, subject: string, message: string, signers: {name: string, email: string}[], ordered: boolean, cc: string, testMode: boolean }} */
  let values = (vscode.getState() && vscode.getState().values) || initial.values;
  if (!values.signers || values.signers.length === 0) values.signers = [{ name: '', email: '' }];
  let errors = initial.errors || {};
  /** Fields the user has left at least once: only their errors show before the first Send. */
  const touched = new Set();
  let submitted = false;
  let busy = false;

  const form = /** @type {HTMLFormElement} */ (document.getElementById('send-form'));
  const rows = document.getElementById('signer-rows');
  const failure = document.getElementById('failure');
  const sendButton = /** @type {HTMLButtonElement} */ (document.getElementById('send'));
  const orderedLabel = document.getElementById('ordered-label');
  const input = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

  function post(message) {
    vscode.postMessage(message);
  }

  function save() {
    vscode.setState({ values });
  }

  function readFields() {
    values.title = input('title').value;
    values.subject = input('subject').value;
    values.message = input('message').value;
    values.cc = input('cc').value;
    values.ordered = input('ordered').checked;
    values.testMode = input('testMode').checked;
    values.signers = Array.from(rows.querySelectorAll('li')).map((li) => ({
      name: /** @type {HTMLInputElement} */ (li.querySelector('.signer-name')).value,
      email: /** @type {HTMLInputElement} */ (li.querySelector('.signer-email')).value,
    }));
    save();
  }

  function fillFields() {
    input('title').value = values.title;
    input('subject').value = values.subject;
    input('message').value = values.message;
    input('cc').value = values.cc;
    input('ordered').checked = values.ordered;
    input('testMode').checked = values.testMode;
  }

  function button(label, cls, title, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = label;
    b.title = title;
    b.setAttribute('aria-label', title);
    b.addEventListener('click', onClick);
    return b;
  }

  function renderSigners(focusIndex) {
    rows.textContent = '';
    const many = values.signers.length > 1;
    rows.classList.toggle('ordered', values.ordered && many);
    orderedLabel.hidden = !many;
    values.signers.forEach((signer, i) => {
      const li = document.createElement('li');
      li.className = 'signer-row';
      const number = document.createElement('span');
      number.className = 'signer-number';
      number.textContent = values.ordered && many ? `${i + 1}.` : '';
      li.appendChild(number);
      for (const part of ['name', 'email']) {
        const box = document.createElement('div');
        box.className = `signer-field signer-field-${part}`;
        const field = document.createElement('input');
        field.type = part === 'email' ? 'email' : 'text';
        field.className = `signer-${part}`;
        field.id = `signer-${part}-${i}`;
        field.name = `signers.${i}.${part}`;
        field.placeholder = part === 'name' ? 'Name' : 'email@example.com';
        field.autocomplete = 'off';
        field.value = signer[part];
        field.setAttribute('aria-label', `Signer ${i + 1} ${part}`);
        field.setAttribute('aria-describedby', errorId(`signers.${i}.${part}`));
        box.appendChild(field);
        const error = document.createElement('div');
        error.className = 'field-error';
        error.id = errorId(`signers.${i}.${part}`);
        box.appendChild(error);
        li.appendChild(box);
      }
      const tools = document.createElement('span');
      tools.className = 'signer-tools';
      if (values.ordered && many) {
        const up = button('↑', 'icon', `Move signer ${i + 1} up`, () => move(i, -1));
        up.disabled = i === 0;
        const down = button('↓', 'icon', `Move signer ${i + 1} down`, () => move(i, 1));
        down.disabled = i === values.signers.length - 1;
        tools.append(up, down);
      }
      if (many) tools.appendChild(button('×', 'icon', `Remove signer ${i + 1}`, () => remove(i)));
      li.appendChild(tools);
      rows.appendChild(li);
    });
    showErrors();
    if (focusIndex !== undefined) {
      const target = document.getElementById(`signer-name-${focusIndex}`);
      if (target) target.focus();
    }
  }

  function move(i, delta) {
    readFields();
    const j = i + delta;
    if (j < 0 || j >= values.signers.length) return;
    const [s] = values.signers.splice(i, 1);
    values.signers.splice(j, 0, s);
    // Row-keyed errors would now point at the wrong rows; ask again.
    save();
    renderSigners(j);
    validate();
  }

  function remove(i) {
    readFields();
    values.signers.splice(i, 1);
    save();
    renderSigners(Math.min(i, values.signers.length - 1));
    validate();
  }

  function errorId(key) {
    return `err-${key.replace(/\./g, '-')}`;
  }

  function visible(key) {
    if (submitted) return true;
    return touched.has(key) || (key === 'signers' && touched.has('signers'));
  }

  function showErrors() {
    for (const el of document.querySelectorAll('.field-error')) {
      el.textContent = '';
    }
    for (const el of document.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
    }
    for (const [key, message] of Object.entries(errors)) {
      if (!visible(key)) continue;
      const el = document.getElementById(errorId(key));
      if (el) el.textContent = message;
      const field = document.querySelector(`[name="${key}"]`);
      if (field) field.setAttribute('aria-invalid', 'true');
    }
  }

  function focusFirstError() {
    const first = document.querySelector('[aria-invalid="true"]');
    if (first instanceof HTMLElement) first.focus();
  }

  function validate() {
    post({ type: 'validate', values });
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    sendButton.textContent = on ? 'Sending…' : 'Send';
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    for (const el of form.querySelectorAll('input, textarea, button')) {
      if (el !== sendButton) /** @type {HTMLInputElement} */ (el).disabled = on;
    }
    // Re-rendering restores the per-row button states (first row cannot move up, …).
    if (!on) renderSigners();
  }

  function submit() {
    if (busy) return;
    readFields();
    submitted = true;
    failure.hidden = true;
    post({ type: 'submit', values });
  }

  form.addEventListener('focusout', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) || !target.name) return;
    touched.add(target.name);
    if (target.name.startsWith('signers.')) touched.add('signers');
    readFields();
    validate();
  });
  form.addEventListener('input', () => readFields());
  form.addEventListener('change', (event) => {
    if (event.target === input('ordered')) {
      readFields();
      renderSigners();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  document.getElementById('add-signer').addEventListener('click', () => {
    readFields();
    values.signers.push({ name: '', email: '' });
    save();
    renderSigners(values.signers.length - 1);
  });
  document.getElementById('cancel').addEventListener('click', () => post({ type: 'cancel' }));

  window.addEventListener('message', (event) => {
    const message = event.data;
    switch (message && message.type) {
      case 'validation':
        errors = message.errors || {};
        showErrors();
        break;
      case 'invalid':
        errors = message.errors || {};
        setBusy(false);
        showErrors();
        focusFirstError();
        break;
      case 'sending':
        setBusy(true);
        break;
      case 'failed':
        setBusy(false);
        failure.textContent = message.message;
        failure.hidden = false;
        failure.scrollIntoView({ block: 'nearest' });
        break;
    }
  });

  fillFields();
  renderSigners();
  input('title').focus();
  input('title').select();
})();
