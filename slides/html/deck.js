// l2geom HTML deck: reveal.js does the navigation; this plays the videos, fits the text
// layer's words to their places, and drives the λ slider.
//
// A video starts when its slide opens and stops at its first pause point. Each further
// step is a reveal.js fragment: → plays to the next pause point (or to the end), ← goes
// back to the previous one, and after the last step → goes to the next slide.
(function () {
  "use strict";

  function stopsOf(video) { return JSON.parse(video.dataset.stops || "[]"); }

  // Where step k ends: the k-th stop, or null (the video's end) after the last one.
  function endOf(video, k) {
    var stops = stopsOf(video);
    return k < stops.length ? stops[k] : null;
  }

  function halt(video) {
    if (video.l2Watch) { cancelAnimationFrame(video.l2Watch); video.l2Watch = null; }
    video.pause();
  }

  // Seek to time `t` (null: the last frame), once the video knows its length.
  function seek(video, t) {
    if (t !== null) { video.currentTime = t; return; }
    if (video.readyState >= 1) { video.currentTime = video.duration; return; }
    video.addEventListener("loadedmetadata", function () {
      video.currentTime = video.duration;
    }, { once: true });
  }

  // Play from where the video is to time `end` (null: to its end), then hold that frame.
  function playTo(video, end) {
    halt(video);
    if (end !== null && video.currentTime >= end) { video.currentTime = end; return; }
    var watch = function () {
      if (end !== null && video.currentTime >= end) {
        halt(video);
        video.currentTime = end;
        return;
      }
      video.l2Watch = requestAnimationFrame(watch);
    };
    var started = video.play();
    if (started && started.catch) { started.catch(function () { halt(video); }); }
    video.l2Watch = requestAnimationFrame(watch);
  }

  // Step k of a video: play it from the end of step k - 1 (step 0: from the start).
  function play(video, k) {
    seek(video, k > 0 ? endOf(video, k - 1) : 0);
    playTo(video, endOf(video, k));
  }

  // Step k of a video as a still: the frame where step k ends.
  function still(video, k) {
    halt(video);
    seek(video, endOf(video, k));
  }

  function videosOf(slide) {
    return slide ? Array.prototype.slice.call(slide.querySelectorAll("video.l2-movie")) : [];
  }

  // The step a slide is at: how many of its pause steps (fragments) are shown.
  function stepOf(slide) { return slide.querySelectorAll(".fragment.l2-step.visible").length; }

  // On entering a slide: play its first step, or (coming back to a slide whose steps are
  // shown) hold the end of the step it is at.
  function enter(slide) {
    var k = stepOf(slide);
    videosOf(slide).forEach(function (video) {
      if (k === 0) { play(video, 0); } else { still(video, k); }
    });
  }

  // The text layer: each word's span is stretched to its width in the PDF (data-w, CSS
  // pixels of the slide), as measured in the browser's own font; measured for all words
  // first, then set, so that the page is laid out once.
  function fitText() {
    var context = document.createElement("canvas").getContext("2d");
    var spans = Array.prototype.slice.call(document.querySelectorAll(".l2-text span[data-w]"));
    var scales = spans.map(function (span) {
      var style = getComputedStyle(span);
      context.font = style.fontSize + " " + style.fontFamily;
      var natural = context.measureText(span.textContent).width;
      return natural > 0 ? parseFloat(span.dataset.w) / natural : 1;
    });
    spans.forEach(function (span, i) { span.style.transform = "scaleX(" + scales[i] + ")"; });
  }

  // A seek slider (the λ slider): its value picks a row [time, label] of its table (built
  // from the scene's λ per frame by l2geom.slides.html); the video holds that frame.
  function seekSliders() {
    document.querySelectorAll(".l2-seek input[type=range]").forEach(function (input) {
      var rows = JSON.parse(input.dataset.rows);
      var video = document.getElementById(input.dataset.video);
      var output = input.parentNode.querySelector("output");
      input.addEventListener("input", function () {
        var row = rows[Number(input.value)];
        halt(video);
        video.currentTime = row[0];
        output.textContent = row[1];
        input.setAttribute("aria-valuetext", row[1]);
      });
    });
  }

  fitText();
  seekSliders();

  Reveal.initialize(window.L2GEOM_DECK).then(function () { enter(Reveal.getCurrentSlide()); });

  Reveal.on("slidechanged", function (event) {
    videosOf(event.previousSlide).forEach(halt);
    enter(event.currentSlide);
  });

  // A step shown (→) plays it; a step hidden (←) holds the end of the one before. The
  // step is counted on the slide, so a jump over several fragments lands right too.
  Reveal.on("fragmentshown", function (event) {
    if (!event.fragment.classList.contains("l2-step")) { return; }
    var slide = Reveal.getCurrentSlide(), k = stepOf(slide);
    videosOf(slide).forEach(function (video) { play(video, k); });
  });

  Reveal.on("fragmenthidden", function (event) {
    if (!event.fragment.classList.contains("l2-step")) { return; }
    var slide = Reveal.getCurrentSlide(), k = stepOf(slide);
    videosOf(slide).forEach(function (video) { still(video, k); });
  });
})();
