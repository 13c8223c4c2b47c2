// Marks the document as scripted; the fixture needs a same-origin script.
document.documentElement.classList.add('js');
